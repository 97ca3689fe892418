// Puts the quantities of a cancelled order back into stock.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';

interface OrderCancelled {
  orderId: string;
  lines: { sku: string; quantity: number }[];
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (event: EventBridgeEvent<'OrderCancelled', OrderCancelled>) => {
  await Promise.all(
    event.detail.lines.map((line) =>
      db.send(
        new UpdateCommand({
          TableName: process.env.STOCK_TABLE,
          Key: { sku: line.sku },
          UpdateExpression: 'ADD available :returned',
          ExpressionAttributeValues: { ':returned': line.quantity },
        }),
      ),
    ),
  );
  return { orderId: event.detail.orderId, restored: event.detail.lines.length };
};
