// The one list of everything the server handles (LSP features and custom requests).
import type { Connection } from 'vscode-languageserver/node';
import type { Session } from '../session';
import { registerLifecycle } from './lifecycle';
import { registerNavigation } from './navigation';
import { registerHover } from './hover';
import { registerSymbols } from './symbols';
import { registerCustomRequests } from './custom';
import { registerDiagnostics } from './diagnostics';
import { registerCallHierarchy } from './callHierarchy';
import { registerGraph } from './graph';
import { registerCodeLens } from './codeLens';
import { registerImpact } from './impact';
import { registerCodeActions } from './codeActions';

/** Registers every handler on the connection. */
export function registerHandlers(connection: Connection, session: Session): void {
  registerLifecycle(connection, session);
  registerNavigation(connection, session);
  registerHover(connection, session);
  registerSymbols(connection, session);
  registerCustomRequests(connection, session);
  registerDiagnostics(connection, session);
  registerCallHierarchy(connection, session);
  registerGraph(connection, session);
  registerCodeLens(connection, session);
  registerImpact(connection, session);
  registerCodeActions(connection, session);
}
