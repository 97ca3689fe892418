// Writes one audit record for every insert, update or delete on the Orders table, read from its DynamoDB stream.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { DynamoDBStreamEvent } from 'aws-lambda';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

// The stream's images use the same attribute-value shape as the SDK, under a different type name.
const read = (image: unknown) => (image ? unmarshall(image as Record<string, AttributeValue>) : undefined);

export const handler = async (event: DynamoDBStreamEvent) => {
  for (const record of event.Records) {
    const before = read(record.dynamodb?.OldImage);
    const after = read(record.dynamodb?.NewImage);
    const orderId = (after ?? before)?.orderId as string;
    await db.send(
      new PutCommand({
        TableName: process.env.AUDIT_TABLE,
        Item: {
          orderId,
          changedAt: `${new Date().toISOString()}#${record.eventID}`,
          change: record.eventName,
          statusBefore: before?.status,
          statusAfter: after?.status,
        },
      }),
    );
  }
};
