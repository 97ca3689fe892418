// Conversions between the core's offset spans and LSP positions, ranges, locations and URIs.
import { URI } from 'vscode-uri';
import type { Location, Position, Range } from 'vscode-languageserver/node';
import { computeLineStarts, lineStartsOf, offsetToPosition, positionToOffset, type Analysis, type Span } from '../core/index';

/** A file path (`/a/b.yaml`) from a `file:` URI; undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath.replace(/\\/g, '/') : undefined;
  } catch {
    return undefined;
  }
}

/** URIs made so far: a whole-workspace answer (the graph, diagnostics) names each file many times. */
const uris = new Map<string, string>();

/** The `file:` URI of a path. */
export function pathToUri(path: string): string {
  let uri = uris.get(path);
  if (uri === undefined) {
    uri = URI.file(path).toString();
    if (uris.size >= 50_000) uris.clear();
    uris.set(path, uri);
  }
  return uri;
}

/** Line starts for a file: from the open document's text when given, else from the analysis. */
export function lineStarts(analysis: Analysis, file: string, openText?: string): number[] {
  return openText !== undefined ? computeLineStarts(openText) : lineStartsOf(analysis, file);
}

/** An LSP position to an offset in the file. */
export function toOffset(starts: number[], position: Position): number {
  return positionToOffset(starts, position.line, position.character);
}

/** A core span to an LSP range. */
export function toRange(starts: number[], span: Span): Range {
  return { start: offsetToPosition(starts, span.start), end: offsetToPosition(starts, span.end) };
}

/** A core span to an LSP location, computing line starts from the analysis. */
export function toLocation(analysis: Analysis, span: Span): Location {
  return { uri: pathToUri(span.file), range: toRange(lineStartsOf(analysis, span.file), span) };
}
