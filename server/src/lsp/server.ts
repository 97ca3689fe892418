// Creates the SAM Atlas language server on a connection: the session and every handler.
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { Session } from './session';
import { registerHandlers } from './handlers/index';
import { watchOutput } from './output';

/** Starts the server on the transport given on the command line (`--stdio`, `--node-ipc`, `--socket=N`). */
export function startServer(): void {
  // Before the connection takes the transport, so that every message it sends is counted.
  watchOutput();
  const connection = createConnection(ProposedFeatures.all);
  const session = new Session(connection);
  registerHandlers(connection, session);
  session.documents.listen(connection);
  process.on('unhandledRejection', (reason) => connection.console.error(`SAM Atlas: unhandled rejection: ${String(reason)}`));
  connection.listen();
}
