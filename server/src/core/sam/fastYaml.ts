// A hand-written reader for the block-style YAML subset of CloudFormation and SAM templates that builds exactly what parseYamlTree's `yaml` path builds, or declines (undefined).
//
// The reader goes line by line. Where it accepts, every span is the `yaml` package's node range: a node ends where the
// library's range[1] ends, and a collection ends where its last value's range[2] ends, which takes in that value's
// comment and line break, the more-indented comment lines right after a scalar or flow value, and the comment lines
// that close a collection when the library's parser keeps them in it (see afterLine and closeCollection). Anchors,
// aliases, other tags, multi-line plain or quoted scalars, multi-line flow collections, JSON, tabs, lone CRs,
// directives, several documents and anything else it is not sure about throw DECLINE, and the library reads the text.
import type { MapEntry, Problem, ScalarValue, TemplateValue } from '../model/types';
import { COLON, CR, DASH, DECLINE, FlowReader, HASH, LF, SPACE } from './fastYamlFlow';
import { blockScalarEnd, blockScalarValue, doubleQuotedEnd, doubleQuotedValue, plainScalarValue, singleQuotedEnd, singleQuotedValue, type BlockHeader } from './fastYamlScalars';
import type { YamlParseResult } from './yamlShared';

/** The fast reading of `text`, or undefined when the text uses anything outside the subset the reader handles exactly. */
export function fastYamlTree(file: string, text: string): YamlParseResult | undefined {
  if (text.indexOf('\t') >= 0 || text.indexOf('\uFEFF', 1) >= 0) return undefined;
  // CR only as part of CRLF line breaks (the reader then treats a CR like the LF after it).
  for (let cr = text.indexOf('\r'); cr >= 0; cr = text.indexOf('\r', cr + 1)) if (text.charCodeAt(cr + 1) !== 0x0a) return undefined;
  try {
    return new BlockReader(file, text).document();
  } catch {
    return undefined;
  }
}

class BlockReader extends FlowReader {
  readonly n: number;
  /** The next content line after a scan of blank and comment lines: its indentation (-1 at the end or at `---`/`...`) and first character. */
  private nextIndent = -1;
  private nextContent = 0;
  /** The comment lines met by that scan: indentation and end (after the line break). */
  private readonly commentIndent: number[] = [];
  private readonly commentEnd: number[] = [];
  private comments = 0;
  /** The deepest comment of the trailing comment lines not yet given to a node (the library's trailing item), or -1. */
  private pendingMax = -1;
  /** range[2] of the node read last: where the library's parent collection continues from. */
  private end2 = 0;
  /** The start of the line after the node read last. */
  private lineNext = 0;
  /** What scanKey found: the key, the end of its scalar and the position of its `:`. */
  private keyText = '';
  private keyEnd = 0;
  private keyColon = 0;

  constructor(file: string, text: string) {
    super(file, text, [] as Problem[]);
    this.n = text.length;
  }

  document(): YamlParseResult {
    const { text, n } = this;
    const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
    if (start === 1 && text.charCodeAt(1) === SPACE) throw DECLINE;
    this.scanTrivia(start);
    if (this.nextIndent === -1 && this.nextContent < n) {
      // `---` before the root; `...` first, or a second `---`, is left to the library.
      if (!text.startsWith('---', this.nextContent)) throw DECLINE;
      this.scanTrivia(this.restOfLine(this.nextContent + 3));
      if (this.nextIndent === -1) throw DECLINE;
    }
    if (this.nextContent >= n) return { value: undefined, problems: this.problems };
    if (this.nextIndent !== 0) throw DECLINE;
    // After a byte order mark the library does not count a root sequence's `- ` as indentation (and reports an error).
    if (start === 1 && text.charCodeAt(this.nextContent) === DASH && this.isEmptyAt(this.nextContent + 1)) throw DECLINE;
    const value = this.finish(this.blockNode(this.nextContent, 0, 0), undefined);
    if (this.nextContent < n) {
      if ((this.nextIndent as number) !== -1 || !text.startsWith('...', this.nextContent)) throw DECLINE;
      this.scanTrivia(this.restOfLine(this.nextContent + 3));
      if (this.nextContent < n) throw DECLINE;
    }
    return { value, problems: this.problems };
  }

  /** Past spaces and a comment to the next line's start; DECLINE on anything else. */
  private restOfLine(at: number): number {
    const { text, n } = this;
    const from = at;
    while (at < n && text.charCodeAt(at) === SPACE) at++;
    if (at >= n) return n;
    const ch = text.charCodeAt(at);
    if (ch === HASH && at > from) {
      const nl = text.indexOf('\n', at);
      return nl < 0 ? n : nl + 1;
    }
    if (ch !== LF && ch !== CR) throw DECLINE;
    return text.indexOf('\n', at) + 1;
  }

  /** Skips blank and comment lines from the line start `from`, recording the comments, up to the next content line. */
  private scanTrivia(from: number): void {
    const { text, n } = this;
    this.comments = 0;
    let lineStart = from;
    while (lineStart < n) {
      let at = lineStart;
      while (at < n && text.charCodeAt(at) === SPACE) at++;
      if (at >= n) break;
      const ch = text.charCodeAt(at);
      if (ch === LF || ch === CR) {
        lineStart = text.indexOf('\n', at) + 1;
        continue;
      }
      if (ch === HASH) {
        const nl = text.indexOf('\n', at);
        const end = nl < 0 ? n : nl + 1;
        this.commentIndent[this.comments] = at - lineStart;
        this.commentEnd[this.comments] = end;
        this.comments++;
        lineStart = end;
        continue;
      }
      this.nextContent = at;
      const marker = at === lineStart && (text.startsWith('---', at) || text.startsWith('...', at)) && this.isEmptyAt(at + 3);
      this.nextIndent = marker ? -1 : at - lineStart;
      return;
    }
    this.nextContent = n;
    this.nextIndent = -1;
  }

  /** A block map or sequence whose first character is at `at`, in column `column`. */
  private blockNode(at: number, column: number, depth: number): TemplateValue {
    if (this.text.charCodeAt(at) === DASH && this.isEmptyAt(at + 1)) return this.blockSeq(at, column, depth);
    return this.blockMap(at, column, depth);
  }

  /**
   * Ends a collection in `column` whose last value ended (range[2]) at `end1`: its own range[2] is the end of the
   * trailing comment lines when the library keeps them in it (one of them is at least as deep as the collection).
   */
  private closeCollection(column: number, end1: number): void {
    if (column !== 0 && this.pendingMax >= column) {
      this.end2 = this.nextContent;
      this.pendingMax = -1;
    } else {
      this.end2 = end1;
    }
  }

  private blockMap(start: number, column: number, depth: number): TemplateValue {
    this.countNode(depth);
    const { text, file } = this;
    const entries: MapEntry[] = [];
    let keys: Set<string> | undefined;
    let at = start;
    let end1: number;
    for (;;) {
      if (!this.scanKey(at)) throw DECLINE;
      const key = this.keyText;
      const keySpan = this.keySpan(at, this.keyEnd);
      let q = this.keyColon + 1;
      while (q < this.n && text.charCodeAt(q) === SPACE) q++;
      const ch = q < this.n ? text.charCodeAt(q) : LF;
      const value = ch === LF || ch === CR || ch === HASH ? this.emptyOrNested(q, column, depth + 1, true, false) : this.inlineValue(q, column, depth + 1);
      entries.push({ key, keySpan, value });
      keys = this.checkKey(entries, keys);
      end1 = this.end2;
      if (this.nextIndent === column) {
        at = this.nextContent;
        if (text.charCodeAt(at) === DASH && this.isEmptyAt(at + 1)) throw DECLINE;
        this.pendingMax = -1;
        continue;
      }
      if (this.nextIndent > column) throw DECLINE;
      break;
    }
    this.closeCollection(column, end1);
    return { kind: 'map', entries, span: { file, start, end: end1 } };
  }

  private blockSeq(start: number, column: number, depth: number): TemplateValue {
    this.countNode(depth);
    const { text, n } = this;
    const items: TemplateValue[] = [];
    let at = start;
    let end1: number;
    // Comment lines between the previous item and this one that the library puts in this item's tokens.
    let commentBefore = false;
    for (;;) {
      let q = at + 1;
      while (q < n && text.charCodeAt(q) === SPACE) q++;
      const ch = q < n ? text.charCodeAt(q) : LF;
      let value: TemplateValue;
      if (ch === LF || ch === CR || ch === HASH) value = this.emptyOrNested(q, column, depth + 1, false, commentBefore);
      else if (ch === DASH && this.isEmptyAt(q + 1)) value = this.blockSeq(q, column + q - at, depth + 1);
      else if (this.scanKey(q)) value = this.finish(this.blockMap(q, column + q - at, depth + 1), undefined);
      else value = this.inlineValue(q, column, depth + 1);
      items.push(value);
      end1 = this.end2;
      if (this.nextIndent === column && text.charCodeAt(this.nextContent) === DASH && this.isEmptyAt(this.nextContent + 1)) {
        at = this.nextContent;
        commentBefore = this.pendingMax >= 0;
        this.pendingMax = -1;
        continue;
      }
      if (this.nextIndent > column) throw DECLINE;
      break;
    }
    this.closeCollection(column, end1);
    return { kind: 'seq', items, span: { file: this.file, start, end: end1 } };
  }

  /**
   * The value after `key:` or `-` with nothing else on the line (`at` is the line end or a comment): a block collection
   * on the following lines, a sequence in the key's own column, or an empty (null) scalar. `commentBefore`: comment
   * lines before the `-` that the library counts among the item's own tokens.
   */
  private emptyOrNested(at: number, column: number, depth: number, inMap: boolean, commentBefore: boolean): TemplateValue {
    const { text, n } = this;
    const commentOnLine = at < n && text.charCodeAt(at) === HASH;
    const nl = text.indexOf('\n', at);
    this.scanTrivia(nl < 0 ? n : nl + 1);
    const next = this.nextContent;
    if (this.nextIndent > column) return this.finish(this.blockNode(next, this.nextIndent, depth), undefined);
    if (inMap && this.nextIndent === column && text.charCodeAt(next) === DASH && this.isEmptyAt(next + 1)) return this.blockSeq(next, column, depth);
    this.countNode(depth);
    // The library places the empty scalar after the indicator and its spaces; comments after it stretch its range[2] to the next token.
    this.end2 = commentBefore || commentOnLine || this.comments > 0 ? next : at;
    this.pendingMax = -1;
    const value: ScalarValue = { kind: 'scalar', value: null, span: { file: this.file, start: at, end: at } };
    return value;
  }

  /** A value that starts on the line of its key or dash, at `at`; `column` is the collection's column. */
  private inlineValue(at: number, column: number, depth: number): TemplateValue {
    const { text, n } = this;
    let tag: string | undefined;
    if (text.charCodeAt(at) === 0x21) {
      const end = this.tagEnd(at);
      tag = this.shortTag(at, end);
      if (end >= n || text.charCodeAt(end) === LF || text.charCodeAt(end) === CR) {
        // `Key: !If` with the collection on the following lines.
        this.scanTrivia(end >= n ? n : text.indexOf('\n', end) + 1);
        if (this.nextIndent <= column) throw DECLINE;
        return this.finish(this.blockNode(this.nextContent, this.nextIndent, depth), tag);
      }
      if (text.charCodeAt(end) !== SPACE) throw DECLINE;
      at = end + 1;
      while (at < n && text.charCodeAt(at) === SPACE) at++;
    }
    const ch = at < n ? text.charCodeAt(at) : LF;
    let value: TemplateValue;
    let endable = true;
    if (ch === 0x7c || ch === 0x3e) {
      value = this.blockScalar(at, column, depth);
      endable = false;
    } else if (ch === 0x5b || ch === 0x7b) {
      value = this.flowCollection(at, depth);
      this.lineRest(this.flowPos, true);
    } else if (ch === 0x22 || ch === 0x27) {
      this.countNode(depth);
      const { end, value: raw } = this.quoted(at);
      value = { kind: 'scalar', value: raw, span: { file: this.file, start: at, end } };
      this.lineRest(end, true);
    } else {
      if (!this.plainStarts(at, false)) throw DECLINE;
      this.countNode(depth);
      // A plain scalar on one line: up to ` #`, `: ` or the line end, without trailing spaces.
      let last = at;
      let i = at;
      for (; i < n; i++) {
        const c = text.charCodeAt(i);
        if (c === COLON) {
          if (this.isEmptyAt(i + 1)) throw DECLINE;
          last = i;
        } else if (c === SPACE) {
          if (text.charCodeAt(i + 1) === HASH) break;
        } else if (c === LF || c === CR) break;
        else last = i;
      }
      const raw = text.slice(at, last + 1);
      value = { kind: 'scalar', value: tag ? raw : plainScalarValue(raw), span: { file: this.file, start: at, end: last + 1 } };
      this.lineRest(i, false);
    }
    this.afterLine(column, endable);
    return this.finish(value, tag);
  }

  /** After a value's last character: spaces, a comment and the line break, which the library counts in the value's range[2]. */
  private lineRest(at: number, needSpaceBeforeComment: boolean): void {
    const { text, n } = this;
    const from = at;
    while (at < n && text.charCodeAt(at) === SPACE) at++;
    if (at < n) {
      const ch = text.charCodeAt(at);
      if (ch === HASH) {
        if (needSpaceBeforeComment && at === from) throw DECLINE;
        const nl = text.indexOf('\n', at);
        at = nl < 0 ? n : nl;
      } else if (ch === CR) at++;
      else if (ch !== LF) throw DECLINE;
    }
    this.end2 = this.lineNext = at < n ? at + 1 : n;
  }

  /**
   * The blank and comment lines after a value in a collection in `column`. Comment lines deeper than the collection
   * right after a scalar or flow collection join that value's range[2]; the rest stay pending for closeCollection.
   */
  private afterLine(column: number, endable: boolean): void {
    this.scanTrivia(this.lineNext);
    let i = 0;
    if (endable) {
      while (i < this.comments && this.commentIndent[i] > column) this.end2 = this.commentEnd[i++];
    }
    let max = -1;
    for (; i < this.comments; i++) if (this.commentIndent[i] > max) max = this.commentIndent[i];
    this.pendingMax = max;
  }

  /** A literal or folded block scalar whose header is at `at`, in a collection in `column`. */
  private blockScalar(at: number, column: number, depth: number): TemplateValue {
    this.countNode(depth);
    const { text, n } = this;
    const header: BlockHeader = { folded: text.charCodeAt(at) === 0x3e, indent: 0, chomp: '' };
    let i = at + 1;
    for (let k = 0; k < 2; k++) {
      const ch = text.charCodeAt(i);
      if ((ch === DASH || ch === 0x2b) && !header.chomp) header.chomp = ch === DASH ? '-' : '+';
      else if (ch >= 0x31 && ch <= 0x39 && !header.indent) header.indent = ch - 0x30;
      else break;
      i++;
    }
    if (i >= n || (text.charCodeAt(i) !== SPACE && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR)) throw DECLINE;
    const headerEnd = i;
    while (i < n && text.charCodeAt(i) === SPACE) i++;
    if (i < n && text.charCodeAt(i) === HASH && i > headerEnd) i = text.indexOf('\n', i);
    else if (text.charCodeAt(i) === CR) i++;
    if (i < 0 || i >= n || text.charCodeAt(i) !== LF) throw DECLINE;
    const bodyStart = i + 1;
    const end = blockScalarEnd(text, bodyStart, column, header);
    const value = blockScalarValue(text.slice(bodyStart, end), column, header);
    if (value === undefined) throw DECLINE;
    this.end2 = this.lineNext = end;
    return { kind: 'scalar', value, span: { file: this.file, start: at, end } };
  }

  /** Reads the key of a block map entry at `at` (a plain or quoted scalar and `:`) into keyText, keyEnd and keyColon; false when there is none. */
  private scanKey(at: number): boolean {
    const { text, n } = this;
    const ch = text.charCodeAt(at);
    if (ch === 0x22 || ch === 0x27) {
      const end = ch === 0x22 ? doubleQuotedEnd(text, at) : singleQuotedEnd(text, at);
      if (end < 0) return false;
      let i = end;
      while (i < n && text.charCodeAt(i) === SPACE) i++;
      if (text.charCodeAt(i) !== COLON || !this.isEmptyAt(i + 1)) return false;
      const value = ch === 0x22 ? doubleQuotedValue(text, at, end) : singleQuotedValue(text, at, end);
      if (value === undefined) throw DECLINE;
      this.keyText = value;
      this.keyEnd = end;
      this.keyColon = i;
      return true;
    }
    if (!this.plainStarts(at, false)) return false;
    let last = at;
    for (let i = at; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c === COLON) {
        if (this.isEmptyAt(i + 1)) {
          this.keyText = String(plainScalarValue(text.slice(at, last + 1)));
          this.keyEnd = last + 1;
          this.keyColon = i;
          return true;
        }
        last = i;
      } else if (c === SPACE) {
        if (text.charCodeAt(i + 1) === HASH) return false;
      } else if (c === LF || c === CR) return false;
      else last = i;
    }
    return false;
  }
}
