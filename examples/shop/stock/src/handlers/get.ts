// Returns the available quantity of one SKU, after checking with auth that the caller may see stock levels.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { authorize } from '../../../lib/auth';

interface StockRequest {
  token: string;
  sku: string;
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(request: StockRequest) {
  const decision = await authorize(request.token, 'stock:read', request.sku);
  if (!decision.allowed) {
    return { sku: request.sku, error: 'forbidden' };
  }
  const { Item } = await db.send(
    new GetCommand({ TableName: process.env.STOCK_TABLE, Key: { sku: request.sku } }),
  );
  const available = (Item?.available as number | undefined) ?? 0;
  return { sku: request.sku, available, inStock: available > 0 };
}
