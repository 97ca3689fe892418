// Quotes the current price of one SKU, after checking with auth that the caller may see prices.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { authorize } from '../../../lib/auth';
import { logger } from '../../../lib/logger';

/** What the basket sends for each item. */
export interface QuoteRequest {
  token: string;
  sku: string;
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

/** Returns `{ sku, amount, currency }`, or `{ sku, error }` when the caller may not see the price. */
export const handler = async (request: QuoteRequest) => {
  const decision = await authorize(request.token, 'pricing:read', request.sku);
  if (!decision.allowed) {
    return { sku: request.sku, error: 'forbidden' };
  }
  const { Item } = await db.send(
    new GetCommand({ TableName: process.env.PRICES_TABLE, Key: { sku: request.sku } }),
  );
  if (!Item) {
    logger.warn('no price for sku', { sku: request.sku });
    return { sku: request.sku, error: 'unknown sku' };
  }
  return { sku: request.sku, amount: Item.amount as number, currency: (Item.currency as string) ?? 'EUR' };
};
