// Turns a `samAtlas/impact` answer into the rows of the Impact view (plain data: labels, icons, locations, children).
import type { Location } from 'vscode-languageclient';
import type { ImpactResult, ImpactTreeItem } from '../../../server/src/protocol';
import { UniqueIds } from '../views/treeIds';

/** One row of the Impact view. */
export interface ImpactEntry {
  /** Unique within one answer and stable across refreshes of the same question (VS Code keeps expansion by it). */
  key: string;
  label: string;
  description?: string;
  tooltip?: string;
  /** A codicon name (`symbol-function`). */
  icon: string;
  /** A theme colour id for the icon (`problemsErrorIcon.foreground`). */
  iconColor?: string;
  /** Where a click goes. */
  location?: Location;
  /** Where the connection to the parent is made (the SDK call, the task, the import). */
  evidence?: Location;
  /** The function or state machine id this row stands for (for "Show Impact" and the graph). */
  nodeId?: string;
  /** `samAtlas.impact.node`, `samAtlas.impact.item`, `samAtlas.impact.section` ... with `.evidence` when it has one. */
  contextValue: string;
  /** Whether a row with children starts expanded. */
  expanded: boolean;
  children: ImpactEntry[];
}

/** What the view shows for one question. */
export interface ImpactModel {
  /** The view's description: what the answer is about. */
  title: string;
  roots: ImpactEntry[];
  /** The function or state machine the answer is about, when it is one (the graph action focuses on it). */
  focusId?: string;
  /** Why there is nothing to show, when the server said so. */
  error?: string;
}

/** Labels file URIs for people (workspace-relative paths); passed in so this module needs no editor API. */
export type PathLabel = (uri: string) => string;

const kindIcons: Record<string, string> = {
  function: 'symbol-function',
  stateMachine: 'symbol-class',
  endpoint: 'globe',
  schedule: 'watch',
  event: 'zap',
  resource: 'database',
  module: 'file-code',
  envVar: 'symbol-variable',
  template: 'file',
  changes: 'git-compare',
};

const kindNames: Record<string, string> = {
  function: 'Function',
  stateMachine: 'State machine',
  endpoint: 'Endpoint',
  schedule: 'Schedule',
  event: 'Event source',
  resource: 'Resource',
  module: 'Module',
  envVar: 'Environment variable',
  template: 'Template',
};

/** Rows deeper than this start collapsed. */
const expandedDepth = 2;

/** `1 caller`, `2 callers`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** A file URI with a position at its start. */
function fileLocation(uri: string): Location {
  return { uri, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

/** The one-based line label of a location (`basket/src/get.ts:12`). */
function whereLabel(location: Location, pathLabel: PathLabel): string {
  return `${pathLabel(location.uri)}:${location.range.start.line + 1}`;
}

/** The logical ID part of a node id (`<template path>#<LogicalId>`). */
export function logicalIdOf(id: string): string {
  return id.slice(id.lastIndexOf('#') + 1);
}

function isComputeKind(kind: string): boolean {
  return kind === 'function' || kind === 'stateMachine';
}

function contextOf(base: 'node' | 'item' | 'section' | 'message', evidence: boolean): string {
  return `samAtlas.impact.${base}${evidence ? '.evidence' : ''}`;
}

/** Builds rows from the server's tree items (recursively). */
function treeEntries(items: ImpactTreeItem[], parentKey: string, ids: UniqueIds, pathLabel: PathLabel, depth: number): ImpactEntry[] {
  return items.map((item) => {
    const key = ids.take(`${parentKey}/${item.kind}:${item.id}`);
    const compute = isComputeKind(item.kind);
    const detail = item.repeated ? [item.detail, 'shown above'].filter(Boolean).join(' · ') : item.detail;
    const lines = [`${kindNames[item.kind] ?? item.kind} ${item.label}`, item.detail];
    if (item.via) lines.push(`${item.sync === false ? 'Asynchronous' : item.sync ? 'Synchronous' : 'Connected'} via ${item.via}`);
    if (item.evidence) lines.push(`Connected at ${whereLabel(item.evidence, pathLabel)}`);
    if (item.location) lines.push(`Opens ${whereLabel(item.location, pathLabel)}`);
    if (item.repeated) lines.push('Already shown elsewhere in this answer (or closes a loop): not expanded again.');
    return {
      key,
      label: item.label,
      description: detail,
      tooltip: lines.filter(Boolean).join('\n'),
      icon: kindIcons[item.kind] ?? 'circle-outline',
      location: item.location,
      evidence: item.evidence,
      nodeId: compute ? item.id : undefined,
      contextValue: contextOf(compute ? 'node' : 'item', !!item.evidence),
      expanded: depth < expandedDepth,
      children: treeEntries(item.children, key, ids, pathLabel, depth + 1),
    };
  });
}

function section(key: string, label: string, description: string, icon: string, children: ImpactEntry[], empty: string): ImpactEntry {
  const rows = children.length ? children : [message(`${key}/empty`, empty, 'info')];
  return { key, label, description, icon, contextValue: contextOf('section', false), expanded: true, children: rows };
}

function message(key: string, label: string, icon: string, iconColor?: string): ImpactEntry {
  return { key, label, tooltip: label, icon, iconColor, contextValue: contextOf('message', false), expanded: false, children: [] };
}

/** The rows for the impact of one function, state machine, resource, variable or file. */
export function targetModel(result: ImpactResult, pathLabel: PathLabel): ImpactModel {
  const { target } = result;
  const title = target.label;
  if (result.error) return { title, error: result.error, roots: [message('error', result.error, 'error', 'problemsErrorIcon.foreground')] };
  const ids = new UniqueIds();
  const counts = result.counts;
  const summary = counts
    ? `${plural(counts.callers, 'caller')} · ${counts.downstream} downstream · ${plural(counts.endpoints, 'endpoint')}`
    : kindNames[target.kind] ?? target.kind;
  const compute = isComputeKind(target.kind);
  const head: ImpactEntry = {
    key: ids.take(`target:${target.id}`),
    label: target.label,
    description: summary,
    tooltip: [`${kindNames[target.kind] ?? target.kind} ${target.label}`, summary, target.location && `Opens ${whereLabel(target.location, pathLabel)}`].filter(Boolean).join('\n'),
    icon: kindIcons[target.kind] ?? 'target',
    location: target.location,
    nodeId: compute ? target.id : undefined,
    contextValue: contextOf(compute ? 'node' : 'item', false),
    expanded: false,
    children: [],
  };
  const upstream = section('upstream', 'Upstream', 'callers and entry points', 'arrow-up', treeEntries(result.upstream, 'upstream', ids, pathLabel, 0), 'Nothing in the workspace depends on it.');
  const downstream = section('downstream', 'Downstream', 'callees and resources', 'arrow-down', treeEntries(result.downstream, 'downstream', ids, pathLabel, 0), 'It depends on nothing in the workspace.');
  return { title, focusId: compute ? target.id : undefined, roots: [head, upstream, downstream] };
}

/** The rows for the impact of the workspace's changes since a ref: changed files, affected functions, endpoints, templates. */
export function changesModel(result: ImpactResult, ref: string, pathLabel: PathLabel): ImpactModel {
  const title = result.target.label || `Changes since ${ref}`;
  if (result.error) return { title, error: result.error, roots: [message('error', result.error, 'error', 'problemsErrorIcon.foreground')] };
  const changes = result.changes ?? { files: [], affected: [], endpoints: [], templates: [] };
  if (changes.files.length === 0) return { title, roots: [message('none', `No changes since ${ref}.`, 'check')] };
  const ids = new UniqueIds();
  const fileRows = treeEntries(result.upstream, 'files', ids, pathLabel, 0);
  for (const file of changes.files.filter((candidate) => candidate.kind === 'other')) {
    fileRows.push({
      key: ids.take(`files/other:${file.uri}`),
      label: pathLabel(file.uri),
      description: 'not used by any function',
      tooltip: `${pathLabel(file.uri)}\nChanged, but no template, handler or module of a function.`,
      icon: 'file',
      location: fileLocation(file.uri),
      contextValue: contextOf('item', false),
      expanded: false,
      children: [],
    });
  }
  const summary = [plural(changes.files.length, 'file'), plural(changes.affected.length, 'function'), plural(changes.endpoints.length, 'endpoint')].join(' · ');
  const head = message('summary', title, 'git-compare');
  head.description = summary;
  return {
    title,
    roots: [
      head,
      section('files', 'Changed files', String(changes.files.length), 'files', fileRows, 'No changed file.'),
      section('affected', 'Affected functions', String(changes.affected.length), 'symbol-function', affectedEntries(changes.affected, ids, pathLabel), 'No function is affected.'),
      section('endpoints', 'Endpoints', String(changes.endpoints.length), 'globe', endpointEntries(changes.endpoints, ids, pathLabel), 'No endpoint is affected.'),
      section('templates', 'Templates to deploy', String(changes.templates.length), 'file', templateEntries(changes.templates, ids, pathLabel), 'No template is affected.'),
    ],
  };
}

type Changes = NonNullable<ImpactResult['changes']>;

function affectedEntries(affected: Changes['affected'], ids: UniqueIds, pathLabel: PathLabel): ImpactEntry[] {
  return affected.map((item) => {
    const template = item.id.slice(0, item.id.lastIndexOf('#'));
    const because = item.reason === 'changed'
      ? `changed: ${item.because.map((file) => pathLabel(file)).join(', ')}`
      : `calls ${item.because.map(logicalIdOf).join(', ')}`;
    return {
      key: ids.take(`affected/${item.id}`),
      label: logicalIdOf(item.id),
      description: because,
      tooltip: `${kindNames[item.kind] ?? item.kind} ${logicalIdOf(item.id)} in ${pathLabel(template)}\n${item.reason === 'changed' ? 'Its template, handler, a module it imports or its definition changed' : 'It calls a changed function'}: ${because}`,
      icon: kindIcons[item.kind] ?? 'symbol-function',
      location: item.location,
      nodeId: item.id,
      contextValue: contextOf('node', false),
      expanded: false,
      children: [],
    };
  });
}

function endpointEntries(endpoints: Changes['endpoints'], ids: UniqueIds, pathLabel: PathLabel): ImpactEntry[] {
  return endpoints.map((endpoint) => ({
    key: ids.take(`endpoints/${endpoint.api}:${endpoint.method} ${endpoint.path}:${endpoint.functionId}`),
    label: `${endpoint.method} ${endpoint.path}`,
    description: `${endpoint.api} → ${logicalIdOf(endpoint.functionId)}`,
    tooltip: `${endpoint.method} ${endpoint.path} on ${endpoint.api}, served by ${logicalIdOf(endpoint.functionId)}\nDeclared at ${whereLabel(endpoint.location, pathLabel)}`,
    icon: 'globe',
    location: endpoint.location,
    contextValue: contextOf('item', false),
    expanded: false,
    children: [],
  }));
}

function templateEntries(templates: string[], ids: UniqueIds, pathLabel: PathLabel): ImpactEntry[] {
  return templates.map((uri) => ({
    key: ids.take(`templates/${uri}`),
    label: pathLabel(uri),
    tooltip: `${pathLabel(uri)} changed or declares an affected function: deploy it.`,
    icon: 'file',
    location: fileLocation(uri),
    contextValue: contextOf('item', false),
    expanded: false,
    children: [],
  }));
}
