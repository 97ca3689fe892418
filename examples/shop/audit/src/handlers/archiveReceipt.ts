// Stores a copy of every receipt announced on the receipts topic as a JSON object in the receipts bucket.
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { SNSEvent } from 'aws-lambda';

const s3 = new S3Client({});

export const handler = async (event: SNSEvent) => {
  for (const record of event.Records) {
    const receipt = JSON.parse(record.Sns.Message) as { orderId: string; email: string };
    await s3.send(
      new PutObjectCommand({
        Bucket: process.env.RECEIPTS_BUCKET,
        Key: `receipts/${receipt.orderId}.json`,
        Body: record.Sns.Message,
        ContentType: 'application/json',
      }),
    );
  }
  return { archived: event.Records.length };
};
