// Decides whether a session token may perform an action on a resource; other services invoke it synchronously.
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';

interface AuthRequest {
  token: string;
  action: string;
  resource: string;
}

interface Session {
  userId: string;
  scopes: string[];
  expiresAt: number;
}

const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));

export async function handler(request: AuthRequest): Promise<{ allowed: boolean; userId?: string }> {
  if (!request.token) {
    return { allowed: false };
  }
  const { Item } = await db.send(
    new GetCommand({ TableName: process.env.SESSIONS_TABLE, Key: { token: request.token } }),
  );
  const session = Item as Session | undefined;
  if (!session || session.expiresAt < Date.now() / 1000) {
    return { allowed: false };
  }
  const [service] = request.action.split(':');
  const allowed = session.scopes.includes(request.action) || session.scopes.includes(`${service}:*`);
  return { allowed, userId: session.userId };
}
