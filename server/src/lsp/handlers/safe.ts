// Wraps request handlers so that an exception fails that one request with an error, never the server.
import { ResponseError, ErrorCodes } from 'vscode-languageserver/node';

/** Runs `handler`, turning a thrown error into a ResponseError for this request only. */
export function safe<P, R>(name: string, handler: (params: P) => R | Promise<R>): (params: P) => Promise<R | ResponseError<void>> {
  return async (params: P) => {
    try {
      return await handler(params);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return new ResponseError<void>(ErrorCodes.InternalError, `SAM Atlas ${name} failed: ${message}`);
    }
  };
}
