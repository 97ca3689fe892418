// Returns one order by id.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { json } from '../../../lib/http';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const { ORDERS_TABLE } = process.env;
  const orderId = event.pathParameters?.id;
  if (!orderId) {
    return json(400, { error: 'order id is required' });
  }
  const { Item } = await db.send(new GetCommand({ TableName: ORDERS_TABLE, Key: { orderId } }));
  return Item ? json(200, Item) : json(404, { error: 'no such order' });
}
