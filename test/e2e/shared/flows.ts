// Reads the answer key of examples/shop (FLOWS.md): calls, endpoints and the AWS actions each function performs.

/** One designed function-to-function call. */
export interface Flow {
  /** `<template>#<LogicalId>`, template relative to the workspace. */
  from: string;
  to: string;
  via: string;
  sync: boolean;
}

/** One designed endpoint. */
export interface EndpointFlow {
  method: string;
  path: string;
  /** `<template>#<LogicalId>`. */
  functionId: string;
}

/** The answer key's blocks that the end-to-end tests use. */
export interface AnswerKey {
  flows: Flow[];
  endpoints: EndpointFlow[];
  /** Per function (`<template>#<LogicalId>`): its actions, and those its policies do not allow. */
  actions: Map<string, { actions: string[]; missing: string[] }>;
}

/** The lines of the fenced block ```name ... ``` of a Markdown text. */
function fencedLines(markdown: string, name: string): string[] {
  const match = new RegExp('```' + name + '\\n([\\s\\S]*?)```').exec(markdown);
  if (!match) throw new Error(`FLOWS.md has no \`\`\`${name} block`);
  return match[1].split('\n').map((line) => line.trim()).filter(Boolean);
}

/** Parses FLOWS.md; throws when a block is missing or a line does not have its documented shape. */
export function readAnswerKey(markdown: string): AnswerKey {
  const flows = fencedLines(markdown, 'flows').map((line): Flow => {
    const match = /^(\S+) -> (\S+) via (\S+) \((sync|async)\)$/.exec(line);
    if (!match) throw new Error(`unexpected flows line: ${line}`);
    return { from: match[1], to: match[2], via: match[3], sync: match[4] === 'sync' };
  });
  const endpoints = fencedLines(markdown, 'endpoints').map((line): EndpointFlow => {
    const match = /^(\S+) (\S+) -> (\S+)$/.exec(line);
    if (!match) throw new Error(`unexpected endpoints line: ${line}`);
    return { method: match[1], path: match[2], functionId: match[3] };
  });
  const actions = new Map<string, { actions: string[]; missing: string[] }>();
  for (const line of fencedLines(markdown, 'actions')) {
    const match = /^(\S+): (.*)$/.exec(line);
    if (!match) throw new Error(`unexpected actions line: ${line}`);
    const words = match[2].split(/\s+/).filter(Boolean);
    actions.set(match[1], {
      actions: words.map((word) => word.replace(/\(missing\)$/, '')),
      missing: words.filter((word) => word.endsWith('(missing)')).map((word) => word.replace(/\(missing\)$/, '')),
    });
  }
  return { flows, endpoints, actions };
}

/** The logical ID of a node id. */
export function logicalIdOf(id: string): string {
  return id.slice(id.lastIndexOf('#') + 1);
}

/** The distinct direct callees of a node. */
export function calleesOf(key: AnswerKey, id: string): string[] {
  return [...new Set(key.flows.filter((flow) => flow.from === id).map((flow) => flow.to))].sort();
}

/** The distinct direct callers of a node. */
export function callersOf(key: AnswerKey, id: string): string[] {
  return [...new Set(key.flows.filter((flow) => flow.to === id).map((flow) => flow.from))].sort();
}

/** Every node that reaches `id` (upstream) or that `id` reaches (downstream) through calls, transitively, without `id`. */
export function reach(key: AnswerKey, id: string, direction: 'upstream' | 'downstream'): Set<string> {
  const next = (node: string) => (direction === 'upstream' ? callersOf(key, node) : calleesOf(key, node));
  const seen = new Set([id]);
  const stack = [id];
  while (stack.length) {
    for (const other of next(stack.pop()!)) {
      if (seen.has(other)) continue;
      seen.add(other);
      stack.push(other);
    }
  }
  seen.delete(id);
  return seen;
}

/** The endpoints whose requests reach `id`: its own and those of every function upstream. */
export function endpointsReaching(key: AnswerKey, id: string): EndpointFlow[] {
  const sources = new Set([id, ...reach(key, id, 'upstream')]);
  return key.endpoints.filter((endpoint) => sources.has(endpoint.functionId));
}
