// Adds a quantity of a SKU to a basket, after checking with auth that the caller owns the basket.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { authorize } from '../../../lib/auth';
import { bearerToken, json, parseBody } from '../../../lib/http';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> {
  const basketId = event.pathParameters?.id ?? '';
  const { sku, quantity = 1 } = parseBody<{ sku?: string; quantity?: number }>(event.body);
  if (!sku) {
    return json(400, { error: 'sku is required' });
  }
  const decision = await authorize(bearerToken(event.headers), 'basket:write', basketId);
  if (!decision.allowed) {
    return json(403, { error: 'forbidden' });
  }
  const { Attributes } = await db.send(
    new UpdateCommand({
      TableName: process.env.BASKET_TABLE,
      Key: { basketId, sku },
      UpdateExpression: 'ADD quantity :quantity',
      ExpressionAttributeValues: { ':quantity': quantity },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return json(201, Attributes);
}
