// Custom SAM Atlas requests: the endpoint and function listings for the sidebar, and the index status.
import type { Connection } from 'vscode-languageserver/node';
import { listEndpoints, listFunctions } from '../../core/index';
import { EndpointsRequest, FunctionsRequest, IndexStatusRequest } from '../../protocol/index';
import type { Session } from '../session';
import { pathToUri, toLocation } from '../convert';
import { safe } from './safe';

/** Registers `samAtlas/endpoints`, `samAtlas/functions` and `samAtlas/indexStatusRequest`. */
export function registerCustomRequests(connection: Connection, session: Session): void {
  connection.onRequest(
    EndpointsRequest.type,
    safe('endpoints', () => {
      const analysis = session.analysis;
      return listEndpoints(analysis).map((e) => ({
        api: e.api,
        template: pathToUri(e.template),
        method: e.method,
        path: e.path,
        functionId: e.functionId,
        functionLogicalId: e.functionLogicalId,
        location: toLocation(analysis, e.span),
        handler: e.handler && toLocation(analysis, e.handler),
      }));
    }),
  );
  connection.onRequest(
    FunctionsRequest.type,
    safe('functions', () => {
      const analysis = session.analysis;
      return listFunctions(analysis).map((f) => ({
        id: f.id,
        logicalId: f.logicalId,
        template: pathToUri(f.template),
        runtime: f.runtime,
        location: toLocation(analysis, f.span),
        handler: f.handler && toLocation(analysis, f.handler),
        endpoints: f.endpoints,
      }));
    }),
  );
  connection.onRequest(IndexStatusRequest.type, () => session.status);
}
