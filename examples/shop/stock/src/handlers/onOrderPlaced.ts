// Takes the quantities of a placed order out of stock and queues a restock request for any SKU that runs low.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { EventBridgeEvent } from 'aws-lambda';
import { logger } from '../../../lib/logger';

interface OrderPlaced {
  orderId: string;
  lines: { sku: string; quantity: number }[];
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const sqs = new SQSClient({});
const threshold = Number(process.env.LOW_STOCK_THRESHOLD ?? '5');

export const handler = async (event: EventBridgeEvent<'OrderPlaced', OrderPlaced>) => {
  for (const line of event.detail.lines) {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: process.env.STOCK_TABLE,
        Key: { sku: line.sku },
        UpdateExpression: 'ADD available :taken',
        ExpressionAttributeValues: { ':taken': -line.quantity },
        ReturnValues: 'UPDATED_NEW',
      }),
    );
    if ((Attributes?.available as number) < threshold) {
      const command = new SendMessageCommand({
        QueueUrl: process.env.RESTOCK_QUEUE_URL,
        MessageBody: JSON.stringify({ sku: line.sku, orderId: event.detail.orderId }),
      });
      await sqs.send(command);
      logger.info('restock requested', { sku: line.sku });
    }
  }
};
