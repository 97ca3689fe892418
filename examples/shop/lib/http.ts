// Small helpers for API Gateway handlers: JSON responses, request bodies and bearer tokens.
import type { APIGatewayProxyResult } from 'aws-lambda';

/** Builds a JSON response for API Gateway (REST or HTTP API). */
export function json(statusCode: number, body: unknown): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  };
}

/** Parses a JSON request body; an absent body reads as an empty object. */
export function parseBody<T>(body: string | null | undefined): T {
  return (body ? JSON.parse(body) : {}) as T;
}

/** Reads the bearer token from the Authorization header, or '' when there is none. */
export function bearerToken(headers: Record<string, string | undefined> | undefined): string {
  const value = headers?.authorization ?? headers?.Authorization ?? '';
  return value.replace(/^Bearer\s+/i, '');
}
