// Inline test workspaces: `//- /path` (or `#- /path`) headers start files, `$0` marks the cursor; loaded into a real core host.
import { createHost, offsetToPosition, computeLineStarts, type Analysis, type Span } from '../../server/src/core/index';

export const ROOT = '/ws';

export interface Fixture {
  files: Map<string, string>;
  cursor?: { file: string; offset: number };
  analysis: Analysis;
}

/** Parses fixture text into files (paths under /ws) and the `$0` cursor. */
export function parseFixture(text: string): { files: Map<string, string>; cursor?: { file: string; offset: number } } {
  const files = new Map<string, string>();
  let cursor: { file: string; offset: number } | undefined;
  const lines = dedent(text).split('\n');
  let current: string | undefined;
  let buffer: string[] = [];
  const flush = () => {
    if (current === undefined) return;
    let content = buffer.join('\n');
    const at = content.indexOf('$0');
    if (at >= 0) {
      cursor = { file: current, offset: at };
      content = content.slice(0, at) + content.slice(at + 2);
    }
    files.set(current, content);
  };
  for (const line of lines) {
    const header = /^(?:\/\/|#)- (\/\S+)\s*$/.exec(line);
    if (header) {
      flush();
      current = ROOT + header[1];
      buffer = [];
    } else buffer.push(line);
  }
  flush();
  return { files, cursor };
}

/** Loads a fixture into a fresh host, with handler code read on demand like the real loader. */
export function loadFixture(text: string): Fixture {
  const { files, cursor } = parseFixture(text);
  const host = createHost({ roots: [ROOT] });
  host.setFileList(files.keys());
  let analysis = host.applyChanges([...files].filter(([p]) => !/\.(ts|js|mjs|cjs|py)$/.test(p)).map(([path, text]) => ({ path, text })));
  for (let i = 0; i < 10; i++) {
    const needed = analysis.neededFiles().filter((f) => files.has(f));
    if (!needed.length) break;
    analysis = host.applyChanges(needed.map((path) => ({ path, text: files.get(path)! })));
  }
  // Code files nobody needs are still given to the host, as open editors would.
  const rest = [...files].filter(([p]) => /\.(ts|js|mjs|cjs|py)$/.test(p) && !analysis.code.has(p));
  if (rest.length) analysis = host.applyChanges(rest.map(([path, text]) => ({ path, text })));
  return { files, cursor, analysis };
}

/** Renders a span as `path:line:col 'text'` (1-based), the form tests compare against. */
export function showSpan(fixture: Pick<Fixture, 'files'>, span: Span): string {
  const text = fixture.files.get(span.file);
  const path = span.file.startsWith(`${ROOT}/`) ? span.file.slice(ROOT.length) : span.file;
  if (text === undefined) return `${path}:folder`;
  const at = offsetToPosition(computeLineStarts(text), span.start);
  return `${path}:${at.line + 1}:${at.character + 1} '${text.slice(span.start, span.end)}'`;
}

/** Removes the common leading indentation of a template literal. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').replace(/\n\s*$/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => l.match(/^ */)![0].length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
