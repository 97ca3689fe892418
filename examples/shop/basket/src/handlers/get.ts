// Lists a basket's items; for every item it asks auth, pricing, stock and promos (four synchronous invocations).
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { authorize } from '../../../lib/auth';
import { bearerToken, json } from '../../../lib/http';

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const lambda = new LambdaClient({});
const { BASKET_TABLE, PRICING_FUNCTION_NAME, STOCK_FUNCTION_NAME, PROMOS_FUNCTION_NAME } = process.env;

const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));
const decode = (payload?: Uint8Array) => JSON.parse(new TextDecoder().decode(payload) || 'null');

export const handler = async (event: APIGatewayProxyEvent): Promise<APIGatewayProxyResult> => {
  const basketId = event.pathParameters?.id ?? '';
  const token = bearerToken(event.headers);
  const { Items = [] } = await db.send(
    new QueryCommand({
      TableName: BASKET_TABLE,
      KeyConditionExpression: 'basketId = :id',
      ExpressionAttributeValues: { ':id': basketId },
    }),
  );
  const items = await Promise.all(
    Items.map(async (item) => {
      const sku = item.sku as string;
      const decision = await authorize(token, 'basket:read', basketId);
      if (!decision.allowed) {
        return { sku, hidden: true };
      }
      const payload = encode({ token, sku });
      const [price, stock, promo] = await Promise.all([
        lambda.send(new InvokeCommand({ FunctionName: PRICING_FUNCTION_NAME, InvocationType: 'RequestResponse', Payload: payload })),
        lambda.send(new InvokeCommand({ FunctionName: STOCK_FUNCTION_NAME, Payload: payload })),
        lambda.send(new InvokeCommand({ FunctionName: PROMOS_FUNCTION_NAME, InvocationType: 'RequestResponse', Payload: payload })),
      ]);
      return { sku, quantity: item.quantity, price: decode(price.Payload), stock: decode(stock.Payload), promotion: decode(promo.Payload) };
    }),
  );
  return json(200, { basketId, items });
};
