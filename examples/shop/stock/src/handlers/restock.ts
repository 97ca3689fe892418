// Forwards restock requests from the restock queue to the supplier's API, reporting failures per message.
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { logger } from '../../../lib/logger';

export const handler = async (event: SQSEvent): Promise<SQSBatchResponse> => {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const request = JSON.parse(record.body) as { sku: string; orderId: string };
    const response = await fetch(`${process.env.SUPPLIER_API_URL}/restock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sku: request.sku, quantity: 50 }),
    });
    if (!response.ok) {
      logger.error('supplier refused restock', { sku: request.sku, status: response.status });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
};
