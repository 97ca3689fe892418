// Scalar rules of the fast YAML reader: core-schema typing of plain scalars, quoted-scalar unescaping and block-scalar extent and content, each matching the `yaml` package.

/** The JavaScript value of a plain scalar under the YAML 1.2 core schema, as the `yaml` package resolves it. */
export function plainScalarValue(raw: string): string | number | boolean | null {
  if (raw === '') return null;
  const first = raw.charCodeAt(0);
  // Only these first characters can start a null, a boolean or a number; anything else is a string.
  switch (first) {
    case 0x7e: // ~
      return raw === '~' ? null : raw;
    case 0x6e: // n
    case 0x4e: // N
      return raw === 'null' || raw === 'Null' || raw === 'NULL' ? null : raw;
    case 0x74: // t
    case 0x54: // T
      return raw === 'true' || raw === 'True' || raw === 'TRUE' ? true : raw;
    case 0x66: // f
    case 0x46: // F
      return raw === 'false' || raw === 'False' || raw === 'FALSE' ? false : raw;
  }
  if (!(first === 0x2b || first === 0x2d || first === 0x2e || (first >= 0x30 && first <= 0x39))) return raw;
  // The core schema's tests, in its order (octal, decimal, hexadecimal, .inf/.nan, exponent, fixed point).
  if (OCT.test(raw)) return parseInt(raw.substring(2), 8);
  if (INT.test(raw)) return parseInt(raw, 10);
  if (HEX.test(raw)) return parseInt(raw.substring(2), 16);
  if (INF_NAN.test(raw)) return raw.slice(-3).toLowerCase() === 'nan' ? NaN : raw[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (EXP.test(raw) || FIXED.test(raw)) return parseFloat(raw);
  return raw;
}

const OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const HEX = /^0x[0-9a-fA-F]+$/;
const INF_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FIXED = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** Where a one-line single-quoted scalar opening at `start` closes (the index after the quote), or -1 when it does not close on its line. */
export function singleQuotedEnd(text: string, start: number): number {
  // One pass over the scalar itself: searching for the line's end from each scalar would make a long line of them quadratic.
  for (let i = start + 1; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x0a) return -1;
    if (ch === 0x27) {
      if (text.charCodeAt(i + 1) !== 0x27) return i + 1;
      i++;
    }
  }
  return -1;
}

/** The value of the single-quoted scalar text[start, end) (quotes included). */
export function singleQuotedValue(text: string, start: number, end: number): string {
  const inner = text.slice(start + 1, end - 1);
  return inner.indexOf("'") < 0 ? inner : inner.split("''").join("'");
}

/** Where a one-line double-quoted scalar opening at `start` closes (the index after the quote), or -1. */
export function doubleQuotedEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22) return i + 1;
    if (ch === 0x0a) return -1;
    if (ch === 0x5c) {
      if (text.charCodeAt(i + 1) === 0x0a) return -1;
      i++;
    }
  }
  return -1;
}

const ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
  N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', ' ': ' ', '"': '"', '/': '/', '\\': '\\',
};

/** The value of the one-line double-quoted scalar text[start, end), or undefined for an escape the library reports as an error. */
export function doubleQuotedValue(text: string, start: number, end: number): string | undefined {
  const close = end - 1;
  let at = backslash(text, start + 1, close);
  if (at >= close) return text.slice(start + 1, close);
  let out = '';
  let from = start + 1;
  while (at < close) {
    out += text.slice(from, at);
    const next = text[at + 1];
    const simple = Object.prototype.hasOwnProperty.call(ESCAPES, next) ? ESCAPES[next] : undefined;
    if (simple !== undefined) {
      out += simple;
      from = at + 2;
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const length = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const digits = text.slice(at + 2, at + 2 + length);
      if (at + 2 + length > close || !/^[0-9a-fA-F]+$/.test(digits)) return undefined;
      const code = parseInt(digits, 16);
      if (code > 0x10ffff) return undefined;
      out += String.fromCodePoint(code);
      from = at + 2 + length;
    } else {
      return undefined;
    }
    at = backslash(text, from, close);
  }
  return out + text.slice(from, close);
}

/** The first backslash in text[from, close), or `close`: searched within the scalar only, so many scalars on one long line stay linear. */
function backslash(text: string, from: number, close: number): number {
  while (from < close && text.charCodeAt(from) !== 0x5c) from++;
  return from;
}

/** A block scalar's header (`|`, `>-`, `|2+` ...). */
export interface BlockHeader {
  folded: boolean;
  /** The explicit indentation indicator, 0 when none. */
  indent: number;
  chomp: '' | '-' | '+';
}

/**
 * Where the content of a block scalar ends: the index after its last line, as the `yaml` lexer decides it.
 * `bodyStart` is the start of the line after the header; `parentIndent` the column of the collection holding the scalar.
 */
export function blockScalarEnd(text: string, bodyStart: number, parentIndent: number, header: BlockHeader): number {
  const n = text.length;
  let minIndent = parentIndent + 1;
  // Leading blank lines, then the first line with content: its indentation.
  let nl = bodyStart - 1;
  let indent = 0;
  let i = bodyStart;
  for (; i < n; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x20) indent++;
    else if (ch === 0x0a) {
      nl = i;
      indent = 0;
    } else if (ch !== 0x0d) break; // the CR of a CRLF is passed over
  }
  if (indent >= minIndent) {
    minIndent = header.indent ? header.indent - 1 + minIndent : indent;
    // Every following line that is blank or indented at least minIndent belongs to the scalar.
    for (;;) {
      let at = nl + 1;
      let spaces = 0;
      while (text.charCodeAt(at) === 0x20) {
        at++;
        spaces++;
      }
      const ch = text.charCodeAt(at);
      if (!(ch === 0x0a || ch === 0x0d || spaces >= minIndent)) break;
      nl = text.indexOf('\n', at);
      if (nl < 0) break;
    }
    if (nl < 0) nl = n;
  }
  if (header.chomp !== '+') {
    // Trailing lines that are blank and not more indented than the first content line are not part of it.
    for (;;) {
      let j = nl - 1;
      if (text.charCodeAt(j) === 0x0d) j--;
      const last = j;
      while (text.charCodeAt(j) === 0x20) j--;
      if (text.charCodeAt(j) === 0x0a && j >= bodyStart && j + 1 + indent > last) nl = j;
      else break;
    }
  }
  return Math.min(nl + 1, n);
}

/** The value of a block scalar whose content is `source`, or undefined where the library reports an error. */
export function blockScalarValue(source: string, parentIndent: number, header: BlockHeader): string | undefined {
  // Lines as [indentation, content].
  const indents: number[] = [];
  const contents: string[] = [];
  if (source) {
    let from = 0;
    for (;;) {
      const nl = source.indexOf('\n', from);
      const lineEnd = nl < 0 ? source.length : nl;
      let at = from;
      while (at < lineEnd && source.charCodeAt(at) === 0x20) at++;
      indents.push(at - from);
      // A CRLF line's CR is not content.
      contents.push(source.slice(at, lineEnd > at && source.charCodeAt(lineEnd - 1) === 0x0d ? lineEnd - 1 : lineEnd));
      if (nl < 0) break;
      from = nl + 1;
    }
  }
  const count = indents.length;
  let chompStart = count;
  while (chompStart > 0 && contents[chompStart - 1] === '') chompStart--;
  if (chompStart === 0) return header.chomp === '+' && count > 0 ? '\n'.repeat(Math.max(1, count - 1)) : '';
  let trimIndent = parentIndent + header.indent;
  let contentStart = 0;
  for (let i = 0; i < chompStart; i++) {
    if (contents[i] === '') {
      if (header.indent === 0 && indents[i] > trimIndent) trimIndent = indents[i];
    } else {
      if (indents[i] < trimIndent) return undefined;
      if (header.indent === 0) trimIndent = indents[i];
      contentStart = i;
      if (trimIndent === 0) return undefined;
      break;
    }
  }
  for (let i = count - 1; i >= chompStart; i--) if (indents[i] > trimIndent) chompStart = i + 1;
  let value = '';
  for (let i = 0; i < contentStart; i++) value += spaces(indents[i] - trimIndent) + '\n';
  let sep = '';
  let moreIndented = false;
  for (let i = contentStart; i < chompStart; i++) {
    const content = contents[i];
    if (content && indents[i] < trimIndent) return undefined;
    if (!header.folded) {
      value += sep + spaces(indents[i] - trimIndent) + content;
      sep = '\n';
    } else if (indents[i] > trimIndent) {
      if (sep === ' ') sep = '\n';
      else if (!moreIndented && sep === '\n') sep = '\n\n';
      value += sep + spaces(indents[i] - trimIndent) + content;
      sep = '\n';
      moreIndented = true;
    } else if (content === '') {
      if (sep === '\n') value += '\n';
      else sep = '\n';
    } else {
      value += sep + content;
      sep = ' ';
      moreIndented = false;
    }
  }
  if (header.chomp === '+') {
    for (let i = chompStart; i < count; i++) value += '\n' + spaces(indents[i] - trimIndent);
    if (value[value.length - 1] !== '\n') value += '\n';
  } else if (header.chomp === '') {
    value += '\n';
  }
  return value;
}

function spaces(count: number): string {
  return count > 0 ? ' '.repeat(count) : '';
}
