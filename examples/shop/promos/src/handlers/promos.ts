// Finds the best promotion active today for one SKU, after checking with auth that the caller may see promotions.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { authorize } from '../../../lib/auth';

interface PromoRequest {
  token: string;
  sku: string;
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

async function impl(request: PromoRequest) {
  const decision = await authorize(request.token, 'promos:read', request.sku);
  if (!decision.allowed) {
    return { sku: request.sku, promotion: null };
  }
  const today = new Date().toISOString().slice(0, 10);
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: process.env.PROMOS_TABLE,
      KeyConditionExpression: 'sku = :sku',
      FilterExpression: 'startsOn <= :today AND endsOn >= :today',
      ExpressionAttributeValues: { ':sku': request.sku, ':today': today },
    }),
  );
  const best = Items.sort((a, b) => (b.percentOff as number) - (a.percentOff as number))[0];
  return { sku: request.sku, promotion: best ? { id: best.promoId, percentOff: best.percentOff } : null };
}

export { impl as handler };
