// Removes one SKU from a basket.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { json } from '../../../lib/http';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const { id: basketId, itemId: sku } = event.pathParameters ?? {};
  if (!basketId || !sku) {
    return json(400, { error: 'basket id and item id are required' });
  }
  await db.send(new DeleteCommand({ TableName: process.env.BASKET_TABLE, Key: { basketId, sku } }));
  return json(204, {});
};
