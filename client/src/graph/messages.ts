// The messages between the dependency-graph panel and its webview, and the check of what the webview sends.
import type { GraphResult } from '../../../server/src/protocol';

/** The smallest and largest upstream or downstream depth the page offers. */
export const minDepth = 1;
export const maxDepth = 5;

/** What the panel currently shows: the whole system, or the neighbourhood of one node. */
export interface GraphScope {
  /** The node id the view centers on; absent for the whole system. */
  focus?: string;
  /** Compute hops shown upstream of the focus (1–5). */
  upstream: number;
  /** Compute hops shown downstream of the focus (1–5). */
  downstream: number;
}

/** Extension → webview. */
export type HostMessage =
  | { type: 'graph'; graph: GraphResult; scope: GraphScope }
  | { type: 'status'; state: 'loading' | 'error'; text: string };

/** An image or text the page asks the extension to save. */
export type ExportMessage =
  | { type: 'export'; format: 'svg'; content: string }
  | { type: 'export'; format: 'png'; dataUrl: string }
  | { type: 'export'; format: 'mermaid' };

/** Webview → extension. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'refresh' }
  | { type: 'openNode'; id: string }
  | { type: 'openEdge'; index: number }
  | { type: 'focus'; id: string }
  | { type: 'showAll' }
  | { type: 'depth'; upstream: number; downstream: number }
  | { type: 'copyMermaid' }
  /** The page drew a graph: how big, and how long the layout and the first frame took (for the output channel and tests). */
  | { type: 'rendered'; nodes: number; edges: number; aggregated: boolean; layoutMs: number; paintMs: number }
  | ExportMessage;

/** Longest node id the page may send back (ids are template paths plus a logical ID). */
const maxIdLength = 4096;
/** Largest export (SVG text or PNG data URL) accepted from the page, in characters. */
export const maxExportLength = 64 * 1024 * 1024;

const pngPrefix = 'data:image/png;base64,';

/** Reads a message from the webview; returns undefined for anything that is not a well-formed known message. */
export function parseWebviewMessage(value: unknown): WebviewMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const message = value as Record<string, unknown>;
  switch (message.type) {
    case 'ready':
    case 'refresh':
    case 'showAll':
    case 'copyMermaid':
      return { type: message.type };
    case 'openNode':
    case 'focus':
      return isId(message.id) ? { type: message.type, id: message.id } : undefined;
    case 'openEdge':
      return isCount(message.index) ? { type: 'openEdge', index: message.index } : undefined;
    case 'depth':
      return isDepth(message.upstream) && isDepth(message.downstream)
        ? { type: 'depth', upstream: message.upstream, downstream: message.downstream }
        : undefined;
    case 'rendered':
      return parseRendered(message);
    case 'export':
      return parseExport(message);
    default:
      return undefined;
  }
}

function parseRendered(message: Record<string, unknown>): WebviewMessage | undefined {
  const { nodes, edges, aggregated, layoutMs, paintMs } = message;
  if (!isCount(nodes) || !isCount(edges) || typeof aggregated !== 'boolean') return undefined;
  if (!isCount(layoutMs) || !isCount(paintMs)) return undefined;
  return { type: 'rendered', nodes, edges, aggregated, layoutMs, paintMs };
}

function parseExport(message: Record<string, unknown>): ExportMessage | undefined {
  if (message.format === 'mermaid') return { type: 'export', format: 'mermaid' };
  if (message.format === 'svg') {
    const content = message.content;
    if (typeof content !== 'string' || content.length > maxExportLength || !content.startsWith('<svg ')) return undefined;
    return { type: 'export', format: 'svg', content };
  }
  if (message.format === 'png') {
    const dataUrl = message.dataUrl;
    if (typeof dataUrl !== 'string' || dataUrl.length > maxExportLength || !dataUrl.startsWith(pngPrefix)) return undefined;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(dataUrl.slice(pngPrefix.length))) return undefined;
    return { type: 'export', format: 'png', dataUrl };
  }
  return undefined;
}

/** The bytes of a PNG data URL that `parseWebviewMessage` accepted. */
export function pngBytes(dataUrl: string): Uint8Array {
  return Buffer.from(dataUrl.slice(pngPrefix.length), 'base64');
}

/** Clamps a depth into the range the page offers (non-numbers become the default 2). */
export function clampDepth(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return 2;
  return Math.max(minDepth, Math.min(maxDepth, Math.round(value)));
}

function isId(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= maxIdLength;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isDepth(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= minDepth && value <= maxDepth;
}
