// A real LSP client for tests: spawns the bundled server over stdio and talks to it with vscode-languageserver-protocol.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import {
  createProtocolConnection,
  InitializeRequest,
  InitializedNotification,
  ShutdownRequest,
  ExitNotification,
  PublishDiagnosticsNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { IndexStatusNotification, IndexStatusRequest, type IndexStatus } from '../../server/src/protocol/index';

export const REPO = join(__dirname, '..', '..');
export const SERVER = join(REPO, 'dist', 'server.js');

export interface TestClient {
  connection: ProtocolConnection;
  process: ChildProcess;
  diagnostics: Map<string, PublishDiagnosticsParams>;
  stderr: string[];
  /** Called on every publishDiagnostics notification (benchmarks time edits with it). */
  onDiagnostics?: (params: PublishDiagnosticsParams) => void;
  whenReady(timeoutMs?: number): Promise<IndexStatus>;
  open(path: string, text: string, languageId?: string): Promise<void>;
  change(path: string, text: string, version: number): Promise<void>;
  waitFor<T>(check: () => T | undefined, timeoutMs?: number, what?: string): Promise<T>;
  stop(): Promise<void>;
}

/** The `file:` URI of a path. */
export function uri(path: string): string {
  return URI.file(path).toString();
}

/** Starts the real server (`node dist/server.js --stdio`) on `root` and initializes it. */
export async function startServer(root: string, initializationOptions: unknown = {}, args: string[] = [SERVER, '--stdio']): Promise<TestClient> {
  const child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  const stderr: string[] = [];
  child.stderr!.on('data', (d) => stderr.push(String(d)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, PublishDiagnosticsParams>();
  let status: IndexStatus | undefined;
  let self: TestClient | undefined;
  // `waitFor` checks again as soon as a notification arrives (and every 20 ms besides), so timings taken after it are exact.
  let sleepers: (() => void)[] = [];
  const wake = () => {
    const woken = sleepers;
    sleepers = [];
    for (const sleeper of woken) sleeper();
  };
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p);
    self?.onDiagnostics?.(p);
    wake();
  });
  connection.onNotification(IndexStatusNotification.type, (s) => {
    status = s;
    wake();
  });
  connection.onRequest('window/workDoneProgress/create', () => null);
  connection.onRequest('client/registerCapability', () => null);
  connection.onNotification('$/progress', () => undefined);
  connection.onNotification('window/logMessage', () => undefined);
  connection.listen();
  await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: uri(root),
    workspaceFolders: [{ uri: uri(root), name: 'ws' }],
    capabilities: { window: { workDoneProgress: true }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});

  const waitFor = async <T>(check: () => T | undefined, timeoutMs = 30_000, what = 'condition'): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; server stderr: ${stderr.join('').slice(-2000)}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 20);
        sleepers.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  };
  self = {
    connection,
    process: child,
    diagnostics,
    stderr,
    async whenReady(timeoutMs = 60_000) {
      return waitFor(() => (status?.state === 'ready' ? status : undefined), timeoutMs, 'index ready').catch(async (error) => {
        const asked = await connection.sendRequest(IndexStatusRequest.type, {});
        if (asked.state === 'ready') return asked;
        throw error;
      });
    },
    async open(path, text, languageId = path.endsWith('.py') ? 'python' : /\.[jt]s$/.test(path) ? 'typescript' : 'yaml') {
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: uri(path), languageId, version: 1, text } });
    },
    async change(path, text, version) {
      await connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: uri(path), version }, contentChanges: [{ text }] });
    },
    waitFor,
    async stop() {
      try {
        await Promise.race([connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
        await connection.sendNotification(ExitNotification.type);
      } catch {
        // The server may already be gone.
      }
      connection.dispose();
      if (child.exitCode === null) {
        await Promise.race([new Promise((r) => child.once('exit', r)), new Promise((r) => setTimeout(r, 2000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
  return self;
}
