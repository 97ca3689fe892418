// Checkout compensation step: gives reserved quantities back to stock when payment fails.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

interface ReleaseInput {
  orderId: string;
  lines: { sku: string; quantity: number }[];
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(input: ReleaseInput) {
  for (const line of input.lines) {
    await db.send(
      new UpdateCommand({
        TableName: process.env.STOCK_TABLE,
        Key: { sku: line.sku },
        UpdateExpression: 'ADD available :quantity, reserved :released',
        ExpressionAttributeValues: { ':quantity': line.quantity, ':released': -line.quantity },
      }),
    );
  }
  return { orderId: input.orderId, released: input.lines.length };
}
