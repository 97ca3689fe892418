// Workspace symbols: functions, state machines, queues, topics, tables, buckets, buses, and every endpoint as `GET /path`.
import type { Analysis } from '../analysis';
import type { Span } from '../model/types';
import { displayPath } from '../query/display';
import { handlerTarget } from '../query/code';
import { symbolKindForType, type SymbolKindName } from '../query/symbolKinds';

export interface WorkspaceSymbol {
  name: string;
  kind: SymbolKindName;
  containerName: string;
  span: Span;
}

const INTERESTING_TYPES = /::(Function|StateMachine|Queue|Topic|Table|SimpleTable|Bucket|EventBus|Stream|Api|HttpApi|RestApi|LayerVersion|Rule|Connector)$/;
const MAX_RESULTS = 2000;

/** Symbols matching `query` (case-insensitive; all characters in order), endpoints first when the query looks like a route. */
export function workspaceSymbols(analysis: Analysis, query: string): WorkspaceSymbol[] {
  const matcher = fuzzyMatcher(query);
  const out: WorkspaceSymbol[] = [];
  for (const endpoint of analysis.endpoints) {
    const name = `${endpoint.method} ${endpoint.path}`;
    if (!matcher(name)) continue;
    const fn = analysis.function(endpoint.functionId);
    const target = fn ? handlerTarget(analysis, fn)[0] : undefined;
    out.push({ name, kind: 'event', containerName: `${fn?.logicalId ?? ''} · ${displayPath(analysis, endpoint.span.file)}`, span: target ?? endpoint.span });
  }
  for (const template of analysis.templates) {
    const container = displayPath(analysis, template.file);
    for (const resource of template.resources) {
      if (!INTERESTING_TYPES.test(resource.type) || !matcher(resource.logicalId)) continue;
      out.push({ name: resource.logicalId, kind: symbolKindForType(resource.type), containerName: `${resource.type} · ${container}`, span: resource.keySpan });
      if (out.length >= MAX_RESULTS) return out;
    }
  }
  return out.slice(0, MAX_RESULTS);
}

/** A case-insensitive subsequence matcher, as VS Code's symbol search filters. */
function fuzzyMatcher(query: string): (name: string) => boolean {
  const q = query.toLowerCase().replace(/\s+/g, ' ').trim();
  if (!q) return () => true;
  return (name) => {
    const n = name.toLowerCase();
    if (n.includes(q)) return true;
    let i = 0;
    for (const c of n) if (c === q[i]) i++;
    return i === q.length;
  };
}
