// Asks the auth function whether a caller may perform an action; shared by every service that guards its data.
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';

const lambda = new LambdaClient({});

/** What the auth function answered. */
export interface AuthDecision {
  allowed: boolean;
  userId?: string;
}

/**
 * Invokes the auth function synchronously (RequestResponse) and returns its decision.
 * The function name comes from the AUTH_FUNCTION_NAME environment variable.
 */
export async function authorize(token: string, action: string, resource: string): Promise<AuthDecision> {
  const response = await lambda.send(
    new InvokeCommand({
      FunctionName: process.env.AUTH_FUNCTION_NAME,
      InvocationType: 'RequestResponse',
      Payload: new TextEncoder().encode(JSON.stringify({ token, action, resource })),
    }),
  );
  const text = new TextDecoder().decode(response.Payload);
  const decision = text ? JSON.parse(text) : {};
  return { allowed: decision.allowed === true, userId: decision.userId };
}
