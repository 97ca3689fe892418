// Turns YAML or JSON text into the span-carrying TemplateValue tree, with CloudFormation short-form tags as intrinsics.
import { isAlias, isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode } from 'yaml';
import type { MapValue, Problem, Span, TemplateValue } from '../model/types';
import { fastYamlTree } from './fastYaml';
import { joinFlowLines } from './flowLines';
import { innerSpan, longFormIntrinsic, reportDuplicateKey, SHORT_TAGS, wrapShortTag, type YamlParseResult } from './yamlShared';

/** The short-form tags declared to the parser, so it neither warns about them nor loses them. */
const never = (): boolean => false;
const keep = (value: unknown): unknown => value;
const CUSTOM_TAGS = Object.keys(SHORT_TAGS).flatMap((tag) => [
  { tag, identify: never, resolve: keep },
  { tag, collection: 'seq' as const, identify: never, resolve: keep },
  { tag, collection: 'map' as const, identify: never, resolve: keep },
]);

/** Limits that keep hostile input bounded. */
const MAX_DEPTH = 400;
const MAX_NODES = 2_000_000;
/** Nodes built by expanding aliases (a "billion laughs" document expands exponentially). */
const MAX_ALIAS_NODES = 100_000;

const PARSE_OPTIONS = { uniqueKeys: false, strict: false, prettyErrors: false, keepSourceTokens: false, customTags: CUSTOM_TAGS as never };

interface BuildState {
  file: string;
  text: string;
  doc: Document;
  nodes: number;
  problems: Problem[];
  aliasDepth: number;
  aliasNodes: number;
  duplicates: number;
  /** Each alias node's anchor, found in one pass over the document (the parser's own lookup walks the whole document per alias). */
  anchors?: Map<YamlNode, YamlNode | undefined>;
}

/** Parses `text` (YAML or JSON) into a TemplateValue tree; never throws. */
export function parseYamlTree(file: string, text: string): YamlParseResult {
  // The hand-written reader handles the common block-style subset and declines (undefined) anything else.
  return fastYamlTree(file, text) ?? parseYamlTreeWithLibrary(file, text);
}

/** parseYamlTree through the `yaml` package only (the reference the fast reader must match). */
export function parseYamlTreeWithLibrary(file: string, text: string): YamlParseResult {
  const problems: Problem[] = [];
  let doc: Document;
  try {
    doc = parseDocument(text, PARSE_OPTIONS);
    // Closing brackets of a multi-line flow collection no deeper than its key: CloudFormation accepts them, so parse again
    // with those collections on one line (same offsets) and keep that reading when it has fewer errors.
    if (doc.errors.some((e) => e.code === 'BAD_INDENT' && /^Flow /.test(e.message))) {
      const joined = joinFlowLines(text);
      const retry = joined === text ? doc : parseDocument(joined, PARSE_OPTIONS);
      if (retry.errors.length < doc.errors.length) doc = retry;
    }
  } catch (error) {
    problems.push(problem(file, 0, Math.min(text.length, 1), `The file could not be parsed: ${String(error)}`));
    return { problems };
  }
  for (const error of doc.errors) {
    const [start, end] = pastWhitespace(text, error.pos ?? [0, 1]);
    problems.push(problem(file, start, Math.max(end, start + 1), error.message.split('\n')[0]));
  }
  const state: BuildState = { file, text, doc, nodes: 0, problems, aliasDepth: 0, aliasNodes: 0, duplicates: 0 };
  try {
    const value = doc.contents ? build(state, doc.contents as YamlNode, 0) : undefined;
    return { value, problems };
  } catch (error) {
    problems.push(problem(file, 0, 1, `The template is too deeply nested or too large to analyse (${String(error).slice(0, 80)}).`));
    return { problems };
  }
}

/** An error the parser places on the white space before a line (a bad indentation) is shown on the line's first character. */
function pastWhitespace(text: string, [start, end]: [number, number]): [number, number] {
  if (text.slice(start, end).trim()) return [start, end];
  let at = start;
  while (at < text.length && /\s/.test(text[at])) at++;
  return at < text.length ? [at, at + 1] : [start, end];
}

function problem(file: string, start: number, end: number, message: string): Problem {
  return { code: 'yaml-syntax', severity: 'error', message, span: { file, start, end } };
}

function spanOf(state: BuildState, node: YamlNode): Span {
  const range = node.range ?? [0, 0, 0];
  return { file: state.file, start: range[0], end: Math.max(range[0], range[1]) };
}

function build(state: BuildState, node: YamlNode, depth: number): TemplateValue {
  if (++state.nodes > MAX_NODES) throw new Error('node limit reached');
  const span = spanOf(state, node);
  if (state.aliasDepth > 0 && ++state.aliasNodes > MAX_ALIAS_NODES) {
    if (state.aliasNodes === MAX_ALIAS_NODES + 1) {
      state.problems.push({ code: 'yaml-syntax', severity: 'warning', message: `Aliases expand to more than ${MAX_ALIAS_NODES} nodes: the rest is not analysed.`, span });
    }
    return { kind: 'scalar', value: null, span };
  }
  if (depth > MAX_DEPTH) {
    if (depth === MAX_DEPTH + 1) {
      state.problems.push({ code: 'yaml-syntax', severity: 'warning', message: `Nesting deeper than ${MAX_DEPTH} levels is not analysed.`, span });
    }
    return { kind: 'scalar', value: null, span };
  }
  let value: TemplateValue;
  if (isAlias(node)) {
    value = buildAlias(state, node, depth, span);
  } else if (isMap(node)) {
    value = buildMap(state, node, depth, span);
  } else if (isSeq(node)) {
    value = { kind: 'seq', items: node.items.map((item) => buildItem(state, item, depth, span)), span };
  } else if (isScalar(node)) {
    const raw = node.value;
    const scalar = typeof raw === 'string' || typeof raw === 'number' || typeof raw === 'boolean' || raw === null ? raw : String(raw);
    value = { kind: 'scalar', value: scalar, span };
  } else {
    value = { kind: 'scalar', value: null, span };
  }
  const tag = (node as { tag?: string }).tag;
  if (tag && SHORT_TAGS[tag]) return wrapShortTag(state, tag, value, span);
  return longFormIntrinsic(value) ?? value;
}

function buildItem(state: BuildState, item: unknown, depth: number, parentSpan: Span): TemplateValue {
  if (item && typeof item === 'object' && 'range' in (item as object)) return build(state, item as YamlNode, depth + 1);
  return { kind: 'scalar', value: null, span: { ...parentSpan, start: parentSpan.end, end: parentSpan.end } };
}

function buildAlias(state: BuildState, node: YamlNode, depth: number, span: Span): TemplateValue {
  if (state.aliasDepth > 20) return { kind: 'scalar', value: null, span };
  const target = aliasTarget(state, node);
  if (!target) return { kind: 'scalar', value: null, span };
  state.aliasDepth++;
  try {
    const resolved = build(state, target as YamlNode, depth + 1);
    return { ...resolved, span };
  } finally {
    state.aliasDepth--;
  }
}

/** The node an alias names: the last node before it with that anchor, in document order. */
function aliasTarget(state: BuildState, alias: YamlNode): YamlNode | undefined {
  if (!state.anchors) {
    const anchors = new Map<YamlNode, YamlNode | undefined>();
    const latest = new Map<string, YamlNode>();
    visit(state.doc, {
      Node: (_key, node) => {
        if (isAlias(node)) anchors.set(node, latest.get(node.source));
        else if (node.anchor) latest.set(node.anchor, node);
      },
    });
    state.anchors = anchors;
  }
  return state.anchors.get(alias);
}

function buildMap(state: BuildState, node: YamlNode, depth: number, span: Span): MapValue {
  const entries: MapValue['entries'] = [];
  const items = isMap(node) ? node.items : [];
  const keys = new Set<string>();
  for (const pair of items) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as YamlNode | null;
    const key = keyNode && isScalar(keyNode) ? String(keyNode.value) : keyNode ? String(keyNode) : '';
    const keySpan = keyNode ? innerSpan(state, spanOf(state, keyNode)) : { file: state.file, start: span.start, end: span.start };
    const value = pair.value
      ? build(state, pair.value as YamlNode, depth + 1)
      : { kind: 'scalar' as const, value: null, span: { file: state.file, start: keySpan.end, end: keySpan.end } };
    entries.push({ key, keySpan, value });
    if (keys.has(key)) reportDuplicateKey(state, key, keySpan);
    keys.add(key);
  }
  return { kind: 'map', entries, span };
}
