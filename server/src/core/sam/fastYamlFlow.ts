// The base of the fast YAML reader: its shared character rules, node finishing, and one-line flow collections (`[a, !Ref B]`, `{ Ref: X }`).
import type { MapEntry, Problem, Span, TemplateValue } from '../model/types';
import { doubleQuotedEnd, doubleQuotedValue, plainScalarValue, singleQuotedEnd, singleQuotedValue } from './fastYamlScalars';
import { SHORT_TAGS, innerSpan, longFormIntrinsic, reportDuplicateKey, wrapShortTag } from './yamlShared';

/** Thrown to give up; a plain object, so throwing it captures no stack. */
export const DECLINE = { declined: true };
/** Deeper nesting is left to the library (which warns past 400 levels). */
const MAX_FAST_DEPTH = 100;
const MAX_FAST_NODES = 1_000_000;

/** Character codes both readers test for. */
export const SPACE = 0x20;
export const LF = 0x0a;
export const CR = 0x0d;
export const HASH = 0x23;
export const COLON = 0x3a;
export const DASH = 0x2d;

const TAG_CHAR = new Uint8Array(128);
for (const ch of "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-#;/?:@&=+$_.!~*'()") TAG_CHAR[ch.charCodeAt(0)] = 1;

/** First characters of a plain scalar that the library reads as something else or reports (`-` is checked apart). */
const NOT_PLAIN = new Uint8Array(128);
for (const ch of '!&*|>\'"%@`,[]{}#?:') NOT_PLAIN[ch.charCodeAt(0)] = 1;

const FLOW_INDICATOR = new Uint8Array(128);
for (const ch of ',[]{}') FLOW_INDICATOR[ch.charCodeAt(0)] = 1;

export class FlowReader {
  nodes = 0;
  duplicates = 0;
  /** The index after the flow node read last. */
  protected flowPos = 0;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly problems: Problem[],
  ) {}

  /** Whether text[at] ends a token the way the library's lexer sees it (space, line break, tab, CR or the end). */
  protected isEmptyAt(at: number): boolean {
    if (at >= this.text.length) return true;
    const ch = this.text.charCodeAt(at);
    return ch === SPACE || ch === LF || ch === 0x09 || ch === 0x0d;
  }

  /** Where a tag starting at `at` ends: the characters the library's lexer takes into a tag. */
  protected tagEnd(at: number): number {
    const text = this.text;
    let i = at + 1;
    while (i < text.length && TAG_CHAR[text.charCodeAt(i)] === 1) i++;
    return i;
  }

  /** The short-form tag text[at, end); DECLINE when it is not one of SHORT_TAGS. */
  protected shortTag(at: number, end: number): string {
    const tag = this.text.slice(at, end);
    if (!Object.prototype.hasOwnProperty.call(SHORT_TAGS, tag)) throw DECLINE;
    return tag;
  }

  /** Whether a plain scalar may start at text[at]; false for indicators and for `-` followed by white space. */
  protected plainStarts(at: number, flow: boolean): boolean {
    const text = this.text;
    if (at >= text.length) return false;
    const ch = text.charCodeAt(at);
    if (ch === LF || ch === CR || ch === SPACE || (ch < 128 && NOT_PLAIN[ch] === 1)) return false;
    if (ch !== DASH) return true;
    const next = text.charCodeAt(at + 1);
    return !(this.isEmptyAt(at + 1) || (flow && next < 128 && FLOW_INDICATOR[next] === 1));
  }

  /** A node as parseYamlTree builds it: short-form tags wrap it, one-key `Ref`/`Fn::` maps become intrinsics. */
  protected finish(value: TemplateValue, tag: string | undefined): TemplateValue {
    if (tag) return wrapShortTag(this, tag, value, value.span);
    return value.kind === 'map' && value.entries.length === 1 ? (longFormIntrinsic(value) ?? value) : value;
  }

  /** The span of a key: without its quotes when it is quoted (innerSpan), as written otherwise. */
  protected keySpan(start: number, end: number): Span {
    const span = { file: this.file, start, end };
    const ch = this.text.charCodeAt(start);
    return ch === 0x22 || ch === 0x27 ? innerSpan(this, span) : span;
  }

  /**
   * Reports the key of the map's last entry when an earlier entry has it, as parseYamlTree does. Small maps are
   * searched; past 16 keys a set (returned, to pass back next time) takes over.
   */
  protected checkKey(entries: MapEntry[], keys: Set<string> | undefined): Set<string> | undefined {
    const last = entries.length - 1;
    const { key, keySpan } = entries[last];
    let seen = false;
    if (keys) {
      seen = keys.has(key);
      keys.add(key);
    } else {
      for (let i = 0; i < last && !seen; i++) seen = entries[i].key === key;
      if (last >= 16) keys = new Set(entries.map((entry) => entry.key));
    }
    if (seen) reportDuplicateKey(this, key, keySpan);
    return keys;
  }

  /** The quoted scalar at `at` (on one line): where it ends, after its closing quote, and its value; DECLINE when it does not close or has an escape the library would report. */
  protected quoted(at: number): { end: number; value: string } {
    const { text } = this;
    const double = text.charCodeAt(at) === 0x22;
    const end = double ? doubleQuotedEnd(text, at) : singleQuotedEnd(text, at);
    if (end < 0) throw DECLINE;
    const value = double ? doubleQuotedValue(text, at, end) : singleQuotedValue(text, at, end);
    if (value === undefined) throw DECLINE;
    return { end, value };
  }

  protected countNode(depth: number): void {
    if (depth > MAX_FAST_DEPTH || ++this.nodes > MAX_FAST_NODES) throw DECLINE;
  }

  /** Past spaces inside a flow collection; DECLINE at a line end or a comment (the collection would go on to another line). */
  private flowSkip(at: number): number {
    const text = this.text;
    while (at < text.length && text.charCodeAt(at) === SPACE) at++;
    if (at >= text.length) throw DECLINE;
    const ch = text.charCodeAt(at);
    if (ch === LF || ch === CR || ch === HASH) throw DECLINE;
    return at;
  }

  /** The flow collection opening at `start` and closing on the same line (unfinished; flowPos is set after it). */
  protected flowCollection(start: number, depth: number): TemplateValue {
    this.countNode(depth);
    const { text, file } = this;
    const isMap = text.charCodeAt(start) === 0x7b;
    const close = isMap ? 0x7d : 0x5d;
    const entries: MapEntry[] = [];
    const items: TemplateValue[] = [];
    let keys: Set<string> | undefined;
    let at = this.flowSkip(start + 1);
    if (text.charCodeAt(at) === close) at++;
    else {
      for (;;) {
        if (isMap) {
          const keyStart = at;
          let key: string;
          let keyEnd: number;
          const ch = text.charCodeAt(at);
          if (ch === 0x22 || ch === 0x27) {
            ({ end: keyEnd, value: key } = this.quoted(at));
            at = this.flowSkip(keyEnd);
            if (text.charCodeAt(at) !== COLON) throw DECLINE;
          } else {
            if (!this.plainStarts(at, true)) throw DECLINE;
            keyEnd = this.flowPlainEnd(at);
            at = this.flowPos;
            // A plain key needs `: ` (`{a:b}` is one scalar, `{a:[b]}` reads differently).
            if (text.charCodeAt(at) !== COLON || text.charCodeAt(at + 1) !== SPACE) throw DECLINE;
            key = String(plainScalarValue(text.slice(keyStart, keyEnd)));
          }
          const keySpan = this.keySpan(keyStart, keyEnd);
          at = this.flowSkip(at + 1);
          const next = text.charCodeAt(at);
          if (next === 0x2c || next === close) throw DECLINE;
          const value = this.flowNode(at, depth + 1);
          entries.push({ key, keySpan, value });
          keys = this.checkKey(entries, keys);
        } else {
          items.push(this.flowNode(at, depth + 1));
        }
        at = this.flowSkip(this.flowPos);
        const ch = text.charCodeAt(at);
        if (ch === 0x2c) {
          at = this.flowSkip(at + 1);
          if (text.charCodeAt(at) === close) {
            at++;
            break;
          }
          continue;
        }
        if (ch === close) {
          at++;
          break;
        }
        throw DECLINE;
      }
    }
    this.flowPos = at;
    const span = { file, start, end: at };
    return isMap ? { kind: 'map', entries, span } : { kind: 'seq', items, span };
  }

  /** A node inside a flow collection (finished; flowPos is set after it). */
  private flowNode(at: number, depth: number): TemplateValue {
    const text = this.text;
    let tag: string | undefined;
    if (text.charCodeAt(at) === 0x21) {
      const end = this.tagEnd(at);
      tag = this.shortTag(at, end);
      if (text.charCodeAt(end) !== SPACE) throw DECLINE;
      at = this.flowSkip(end);
    }
    const ch = text.charCodeAt(at);
    let value: TemplateValue;
    if (ch === 0x5b || ch === 0x7b) {
      value = this.flowCollection(at, depth);
    } else if (ch === 0x22 || ch === 0x27) {
      this.countNode(depth);
      const { end, value: raw } = this.quoted(at);
      value = { kind: 'scalar', value: raw, span: { file: this.file, start: at, end } };
      this.flowPos = end;
    } else {
      if (!this.plainStarts(at, true)) throw DECLINE;
      this.countNode(depth);
      const end = this.flowPlainEnd(at);
      const raw = text.slice(at, end);
      value = { kind: 'scalar', value: tag ? raw : plainScalarValue(raw), span: { file: this.file, start: at, end } };
    }
    return this.finish(value, tag);
  }

  /** The end of a one-line plain scalar in a flow collection starting at `at`; flowPos is where it stopped. */
  private flowPlainEnd(at: number): number {
    const text = this.text;
    const n = text.length;
    let last = at;
    let i = at;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) {
        const next = text.charCodeAt(i + 1);
        if (this.isEmptyAt(i + 1) || (next < 128 && FLOW_INDICATOR[next] === 1)) break;
        last = i;
      } else if (c === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) break;
      } else if (c === LF || c === CR || (c < 128 && FLOW_INDICATOR[c] === 1)) break;
      else last = i;
    }
    this.flowPos = i;
    return last + 1;
  }
}
