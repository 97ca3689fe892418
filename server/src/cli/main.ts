// The `sam-atlas` command line: index, check and lsp over the same core as the language server.
import { accessSync, constants, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { createHost, diagnose, dirname, graphOf, graphView, indexReport, normalizePath, relId, relativePath, reportDiagnostic, toDot, toMermaid, type Analysis } from '../core/index';
import { DEFAULT_MAX_FILE_SIZE, loadWorkspace } from '../disk/loader';
import { FactsCache } from '../disk/factsCache';
import { mark } from '../boot/timings';
import { formatCheck } from './formatCheck';
import { impactCommand } from './impact';

const USAGE = `Usage: sam-atlas <command> [options]

Commands:
  index PATH [--json]                      index a folder or one template and print the model as JSON
  check PATH [--format text|json|sarif]    print diagnostics; exit 1 when there is an error
  graph PATH [--format json|mermaid|dot]   print the call graph (--focus TEMPLATE#LogicalId --depth N)
  impact PATH [--base REF] [--format text|json]
                                           functions, endpoints and templates affected by the git changes since REF (default HEAD)
  lsp --stdio                              run the language server over stdio

Options:
  --max-file-size-kb N                     skip files larger than N KB (default 5120)
  --no-cache                               neither read nor write the caches (~/.cache/sam-atlas)
  --help                                   show this help`;

/** A command-line mistake: printed as one line, exit code 2. */
class UsageError extends Error {}

interface Options {
  command: string;
  path?: string;
  format: string;
  maxFileSize: number;
  focus?: string;
  depth: number;
  base?: string;
  cache: boolean;
}

function parseArgs(argv: string[]): Options {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') throw new UsageError('help');
  const options: Options = { command, format: command === 'index' || command === 'graph' ? 'json' : 'text', maxFileSize: DEFAULT_MAX_FILE_SIZE, depth: 2, cache: true };
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--json') options.format = 'json';
    else if (arg === '--format') options.format = rest[++i] ?? '';
    else if (arg.startsWith('--format=')) options.format = arg.slice(9);
    else if (arg === '--max-file-size-kb') options.maxFileSize = Number(rest[++i]) * 1024;
    else if (arg === '--focus') options.focus = rest[++i];
    else if (arg === '--no-cache') options.cache = false;
    else if (arg === '--depth') options.depth = Number(rest[++i]);
    else if (arg === '--base') options.base = rest[++i];
    else if (arg === '--stdio' || arg.startsWith('--node-ipc') || arg.startsWith('--socket') || arg.startsWith('--clientProcessId')) continue;
    else if (arg.startsWith('-')) throw new UsageError(`unknown option ${arg}`);
    else if (!options.path) options.path = arg;
    else throw new UsageError(`unexpected argument ${arg}`);
  }
  if (!Number.isFinite(options.maxFileSize) || options.maxFileSize <= 0) throw new UsageError('--max-file-size-kb takes a positive number');
  return options;
}

/** Loads a folder, or a single template file, into a fresh host. */
async function analyse(path: string, maxFileSize: number, useCache: boolean): Promise<{ analysis: Analysis; base: string }> {
  const absolute = normalizePath(resolve(path));
  let stat;
  try {
    stat = statSync(absolute);
  } catch {
    throw new UsageError(`no such file or folder: ${path}`);
  }
  try {
    accessSync(absolute, stat.isDirectory() ? constants.R_OK | constants.X_OK : constants.R_OK);
  } catch (error) {
    throw new UsageError(`cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (stat.isDirectory()) {
    const cache = useCache ? FactsCache.open([absolute]) : undefined;
    const host = createHost({ roots: [absolute], precomputed: cache && ((file, hash) => cache.get(file, hash)) });
    // The loader's last snapshot already includes the files it skipped.
    const { analysis } = await loadWorkspace(host, [absolute], { maxFileSize, cached: cache?.hashes(), cache, codeCache: useCache ? undefined : false });
    cache?.save(host.entries());
    mark('cache saved');
    return { analysis, base: absolute };
  }
  const base = dirname(absolute);
  const host = createHost({ roots: [base] });
  const { scan } = await loadWorkspace(host, [base], { maxFileSize, templateFilter: (f) => f === absolute, codeCache: useCache ? undefined : false });
  if (!host.current().templates.length && !scan.skipped.some((s) => s.path === absolute)) throw new UsageError(`${path} is not a CloudFormation or SAM template`);
  host.noteSkipped(scan.skipped.filter((s) => s.path === absolute));
  return { analysis: host.applyChanges([]), base };
}

function printGraph(analysis: Analysis, base: string, options: Options): number {
  if (!['json', 'mermaid', 'dot'].includes(options.format)) throw new UsageError(`unknown format ${options.format} (json, mermaid or dot)`);
  if (!Number.isFinite(options.depth) || options.depth < 1) throw new UsageError('--depth takes a positive number');
  const focus = options.focus ? normalizePath(resolve(base, options.focus.split('#')[0])) + '#' + options.focus.split('#')[1] : undefined;
  if (focus && !graphOf(analysis).nodes.some((n) => n.id === focus)) throw new UsageError(`no node ${options.focus} (use TEMPLATE#LogicalId, relative to PATH)`);
  const view = graphView(analysis, focus, options.depth);
  if (options.format === 'mermaid') process.stdout.write(toMermaid(view));
  else if (options.format === 'dot') process.stdout.write(toDot(analysis, view));
  else {
    const rel = (id: string) => relId(base, id);
    const json = {
      nodes: view.nodes.map((n) => ({ id: rel(n.id), kind: n.kind, label: n.label, type: n.type ?? null })),
      edges: view.edges.map((e) => ({ from: rel(e.from), to: rel(e.to), kind: e.kind, label: e.label, ...(e.reason ? { reason: e.reason } : {}) })),
      calls: view.calls.map((c) => ({ from: rel(c.from), to: rel(c.to), via: c.via, sync: c.sync })),
    };
    process.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const options = parseArgs(argv);
  if (options.command === 'lsp') {
    const { startServer } = await import('../lsp/server');
    startServer();
    return -1;
  }
  if (!['index', 'check', 'graph', 'impact'].includes(options.command)) throw new UsageError(`unknown command ${options.command}`);
  if (!options.path) throw new UsageError(`${options.command} needs a PATH`);
  if (options.command === 'impact') return impactCommand(options.path, options.base, options.format, (path) => analyse(path, options.maxFileSize, options.cache));
  const { analysis, base } = await analyse(options.path, options.maxFileSize, options.cache);
  if (options.command === 'index') {
    if (options.format !== 'json') throw new UsageError('index prints JSON only (--json)');
    const report = indexReport(analysis, base);
    mark('report');
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    mark('written');
    return 0;
  }
  if (options.command === 'graph') return printGraph(analysis, base, options);
  if (!['text', 'json', 'sarif'].includes(options.format)) throw new UsageError(`unknown format ${options.format} (text, json or sarif)`);
  const diagnostics = diagnose(analysis).map((d) => reportDiagnostic(analysis, d, (file) => relativePath(base, file)));
  process.stdout.write(formatCheck(diagnostics, options.format as 'text' | 'json' | 'sarif'));
  return diagnostics.some((d) => d.severity === 'error') ? 1 : 0;
}

// Output piped into a reader that stops early (`| head`): stop quietly, as other command-line tools do.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

if (process.env.SAM_ATLAS_REPORT_RSS) process.on('exit', () => process.stderr.write(`maxRSS=${process.resourceUsage().maxRSS}\n`));

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError) {
      process.stderr.write(error.message === 'help' ? `${USAGE}\n` : `sam-atlas: ${error.message}\n`);
      process.exitCode = error.message === 'help' ? 0 : 2;
    } else {
      process.stderr.write(`sam-atlas: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 3;
    }
  },
);
