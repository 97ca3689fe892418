// Checkout step: marks the order as confirmed and publishes OrderConfirmed on the shop bus.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { publish } from '../../../lib/events';

interface ConfirmInput {
  orderId: string;
  payment: { paymentId: string; amount: number };
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(input: ConfirmInput) {
  await db.send(
    new UpdateCommand({
      TableName: process.env.ORDERS_TABLE,
      Key: { orderId: input.orderId },
      UpdateExpression: 'SET #status = :confirmed, paymentId = :paymentId',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':confirmed': 'CONFIRMED', ':paymentId': input.payment.paymentId },
    }),
  );
  await publish('OrderConfirmed', { orderId: input.orderId, amount: input.payment.amount });
  return { orderId: input.orderId, status: 'CONFIRMED' };
}
