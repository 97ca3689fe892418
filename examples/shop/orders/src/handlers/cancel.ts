// Cancels a placed order: writes it back with status CANCELLED and publishes OrderCancelled so stock is restored.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { publish } from '../../../lib/events';
import { json } from '../../../lib/http';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const orderId = event.pathParameters?.id ?? '';
  const { Item: order } = await db.send(
    new GetCommand({ TableName: process.env.ORDERS_TABLE, Key: { orderId } }),
  );
  if (!order) {
    return json(404, { error: 'no such order' });
  }
  if (order.status !== 'PLACED') {
    return json(409, { error: `order is ${order.status}` });
  }
  const cancelled = { ...order, status: 'CANCELLED', cancelledAt: new Date().toISOString() };
  await db.send(new PutCommand({ TableName: process.env.ORDERS_TABLE, Item: cancelled }));
  await publish('OrderCancelled', { orderId, lines: order.lines });
  return json(200, cancelled);
}
