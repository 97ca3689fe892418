// Starts one checkout workflow execution for an order posted to POST /checkout.
import { SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { json, parseBody } from '../../../lib/http';

interface CheckoutRequest {
  orderId: string;
  lines: { sku: string; quantity: number; unitPrice: number }[];
}

const sfn = new SFNClient({});

export const handler = async (event: APIGatewayProxyEventV2) => {
  const request = parseBody<CheckoutRequest>(event.body);
  if (!request.orderId || !request.lines?.length) {
    return json(400, { error: 'orderId and lines are required' });
  }
  const total = request.lines.reduce((sum, line) => sum + line.quantity * line.unitPrice, 0);
  const { executionArn } = await sfn.send(
    new StartExecutionCommand({
      stateMachineArn: process.env.CHECKOUT_STATE_MACHINE_ARN,
      name: `checkout-${request.orderId}`,
      input: JSON.stringify({ ...request, total }),
    }),
  );
  return json(202, { orderId: request.orderId, executionArn });
};
