// What both YAML readers (the `yaml` package's and the fast one) share: short-form tags, intrinsics, key spans and duplicate-key warnings.
import type { IntrinsicValue, Problem, Span, TemplateValue } from '../model/types';

/** Short-form tags and the long intrinsic names they stand for. */
export const SHORT_TAGS: Record<string, string> = {
  '!Ref': 'Ref',
  '!Condition': 'Condition',
  '!GetAtt': 'Fn::GetAtt',
  '!Sub': 'Fn::Sub',
  '!Join': 'Fn::Join',
  '!If': 'Fn::If',
  '!Select': 'Fn::Select',
  '!Split': 'Fn::Split',
  '!FindInMap': 'Fn::FindInMap',
  '!ImportValue': 'Fn::ImportValue',
  '!GetAZs': 'Fn::GetAZs',
  '!Base64': 'Fn::Base64',
  '!Cidr': 'Fn::Cidr',
  '!Equals': 'Fn::Equals',
  '!And': 'Fn::And',
  '!Or': 'Fn::Or',
  '!Not': 'Fn::Not',
  '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length',
  '!ToJsonString': 'Fn::ToJsonString',
  '!ForEach': 'Fn::ForEach',
};

/** A template's value tree and the problems met reading it. */
export interface YamlParseResult {
  value?: TemplateValue;
  problems: Problem[];
}

/** Duplicate keys reported per file (the parser's own check is quadratic, so it is off and this one counts). */
const MAX_DUPLICATE_REPORTS = 50;

/** What reportDuplicateKey needs: the file, its problems and how many duplicates were reported so far. */
export interface DuplicateKeyState {
  file: string;
  problems: Problem[];
  duplicates: number;
}

/** Reports `key`, which an earlier entry of the same map already has (merge keys `<<` excepted, and only the first few per file). */
export function reportDuplicateKey(state: DuplicateKeyState, key: string, keySpan: Span): void {
  if (key !== '<<' && ++state.duplicates <= MAX_DUPLICATE_REPORTS) {
    state.problems.push({ code: 'duplicate-key', severity: 'warning', message: `Duplicate key "${key.slice(0, 100)}" in the same map: only the last one counts (and some tools reject the template). Remove or rename one.`, span: { file: state.file, start: keySpan.start, end: Math.max(keySpan.end, keySpan.start + 1) } });
  }
}

/** A short-form tag (`!Ref`) around `argument`, whose span starts at the tag (found by searching back from the value). */
export function wrapShortTag(state: { file: string; text: string }, tag: string, argument: TemplateValue, span: Span): IntrinsicValue {
  const from = Math.max(0, span.start - 200 - tag.length);
  const at = state.text.lastIndexOf(tag, span.start);
  const start = at >= from ? at : span.start;
  const nameSpan = { file: state.file, start, end: start + tag.length };
  return { kind: 'intrinsic', name: SHORT_TAGS[tag], short: true, nameSpan, argument, span: { ...span, start } };
}

/** `{Ref: X}` and `{"Fn::Sub": ...}` written as one-key maps become intrinsics too. */
export function longFormIntrinsic(value: TemplateValue): IntrinsicValue | undefined {
  if (value.kind !== 'map' || value.entries.length !== 1) return undefined;
  const [entry] = value.entries;
  // `Fn::ForEach::Name` is a loop (a key of Resources, Outputs or Conditions), not an intrinsic, even when it is the only key.
  if (entry.key !== 'Ref' && !/^Fn::[A-Za-z0-9]+$/.test(entry.key)) return undefined;
  return { kind: 'intrinsic', name: entry.key, short: false, nameSpan: entry.keySpan, argument: entry.value, span: value.span };
}

/** The span of a scalar without its surrounding quotes. */
export function innerSpan(state: { text: string }, span: Span): Span {
  const first = state.text[span.start];
  if ((first === '"' || first === "'") && span.end - span.start >= 2 && state.text[span.end - 1] === first) {
    return { file: span.file, start: span.start + 1, end: span.end - 1 };
  }
  return span;
}
