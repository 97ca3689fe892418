// Checkout step: records the payment for an order (the low-level DynamoDB client, to show both SDK styles).
import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';

interface PaymentInput {
  orderId: string;
  total: number;
}

const dynamo = new DynamoDBClient({});

export const handler = async (input: PaymentInput) => {
  if (!(input.total > 0)) {
    throw new Error(`invalid total for ${input.orderId}`);
  }
  const paymentId = `pay-${input.orderId}`;
  await dynamo.send(
    new PutItemCommand({
      TableName: process.env.PAYMENTS_TABLE,
      Item: {
        orderId: { S: input.orderId },
        paymentId: { S: paymentId },
        amount: { N: String(input.total) },
        chargedAt: { S: new Date().toISOString() },
      },
      ConditionExpression: 'attribute_not_exists(orderId)',
    }),
  );
  return { paymentId, amount: input.total };
};
