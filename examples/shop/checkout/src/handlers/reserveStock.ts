// Checkout step: reserves each ordered quantity, failing with OutOfStock when a SKU is short.
import { ConditionalCheckFailedException, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';

interface CheckoutInput {
  orderId: string;
  lines: { sku: string; quantity: number }[];
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export const handler = async (input: CheckoutInput) => {
  for (const line of input.lines) {
    try {
      await db.send(
        new UpdateCommand({
          TableName: process.env.STOCK_TABLE,
          Key: { sku: line.sku },
          UpdateExpression: 'ADD available :taken, reserved :quantity',
          ConditionExpression: 'available >= :quantity',
          ExpressionAttributeValues: { ':taken': -line.quantity, ':quantity': line.quantity },
        }),
      );
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw Object.assign(new Error(`not enough ${line.sku}`), { name: 'OutOfStock' });
      }
      throw error;
    }
  }
  return { ...input, reserved: true };
};
