// Stores a new order and publishes OrderPlaced on the shop bus (bundled with esbuild).
import { randomUUID } from 'node:crypto';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { publish } from '../../../lib/events';
import { json, parseBody } from '../../../lib/http';
import { logger } from '../../../lib/logger';

interface NewOrder {
  customerId: string;
  email: string;
  lines: { sku: string; quantity: number; unitPrice: number }[];
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const body = parseBody<NewOrder>(event.body);
  if (!body.customerId || !body.lines?.length) {
    return json(400, { error: 'customerId and at least one line are required' });
  }
  const order = { orderId: randomUUID(), status: 'PLACED', createdAt: new Date().toISOString(), ...body };
  await db.send(
    new PutCommand({
      TableName: process.env.ORDERS_TABLE,
      Item: order,
      ConditionExpression: 'attribute_not_exists(orderId)',
    }),
  );
  await publish('OrderPlaced', { orderId: order.orderId, customerId: body.customerId, email: body.email, lines: body.lines });
  logger.info('order placed', { orderId: order.orderId });
  return json(201, order);
};
