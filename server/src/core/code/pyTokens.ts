// A small Python tokenizer: splits source into logical lines (with indentation) of names, numbers, strings and operators.

/** One Python token with its offsets in the file. */
export interface PyToken {
  kind: 'name' | 'number' | 'string' | 'op';
  /** The token text; for strings the decoded value (f-strings keep their raw content). */
  value: string;
  start: number;
  end: number;
  /** For strings: whether it is an f-string, and where its content (inside the quotes) starts and ends. */
  formatted?: boolean;
  contentStart?: number;
  contentEnd?: number;
}

/** A logical line: a statement's tokens, joined across brackets and backslash continuations. */
export interface LogicalLine {
  /** Indentation width of the line's first physical line (tabs advance to the next multiple of 8). */
  indent: number;
  tokens: PyToken[];
  start: number;
}

const threeCharOperators = new Set(['**=', '//=', '>>=', '<<=', '...']);
const twoCharOperators = new Set(['->', ':=', '==', '!=', '<=', '>=', '**', '//', '<<', '>>', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=']);
const topLevelDefinition = /^(?:def |class |async def|@)/;
const stringPrefix = /^(?:[rRuUbBfF]|[rR][bBfF]|[bBfF][rR])$/;

function isNameStart(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 || code > 127;
}

function isNamePart(code: number): boolean {
  return isNameStart(code) || (code >= 48 && code <= 57);
}

/** Splits `text[start, end)` into logical lines; never throws, unterminated strings end at the range's end. */
export function logicalLines(text: string, start = 0, end = text.length): LogicalLine[] {
  const lines: LogicalLine[] = [];
  let tokens: PyToken[] = [];
  let depth = 0;
  let lineStart = true;
  let indent = 0;
  let lineOffset = start;
  let index = start;
  const finishLine = (): void => {
    if (tokens.length) lines.push({ indent, tokens, start: lineOffset });
    tokens = [];
    lineStart = true;
  };
  while (index < end) {
    if (lineStart && depth === 0) {
      const measured = measureIndent(text, index, end);
      indent = measured.width;
      index = measured.next;
      lineOffset = index;
      lineStart = false;
      continue;
    }
    const code = text.charCodeAt(index);
    if (code === 10 || code === 13) {
      index += code === 13 && text.charCodeAt(index + 1) === 10 ? 2 : 1;
      // An unclosed bracket would swallow the rest of the file; a new top-level definition ends it.
      if (depth > 0 && topLevelDefinition.test(text.slice(index, index + 10))) depth = 0;
      if (depth === 0) finishLine();
    } else if (code === 32 || code === 9 || code === 12) {
      index++;
    } else if (code === 35) {
      while (index < end && text.charCodeAt(index) !== 10 && text.charCodeAt(index) !== 13) index++;
    } else if (code === 92) {
      // A backslash continues the logical line onto the next physical line.
      index++;
      if (text.charCodeAt(index) === 13) index++;
      if (text.charCodeAt(index) === 10) index++;
    } else {
      const token = readToken(text, index, end);
      if (token.kind === 'op') {
        if (token.value === '(' || token.value === '[' || token.value === '{') depth++;
        else if (token.value === ')' || token.value === ']' || token.value === '}') depth = Math.max(0, depth - 1);
      }
      tokens.push(token);
      index = token.end;
    }
  }
  finishLine();
  return lines;
}

/** Reads the name, string, number or operator token at `index`. */
function readToken(text: string, index: number, end: number): PyToken {
  const code = text.charCodeAt(index);
  if (isNameStart(code)) {
    let stop = index + 1;
    while (stop < end && isNamePart(text.charCodeAt(stop))) stop++;
    const word = text.slice(index, stop);
    const next = text.charCodeAt(stop);
    if ((next === 34 || next === 39) && stringPrefix.test(word)) return readString(text, index, stop, end);
    return { kind: 'name', value: word, start: index, end: stop };
  }
  if (code === 34 || code === 39) return readString(text, index, index, end);
  if (isDigit(code) || (code === 46 && isDigit(text.charCodeAt(index + 1)))) {
    const stop = readNumber(text, index, end);
    return { kind: 'number', value: text.slice(index, stop), start: index, end: stop };
  }
  const operator = readOperator(text, index, end);
  return { kind: 'op', value: operator, start: index, end: index + operator.length };
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function measureIndent(text: string, index: number, end: number): { width: number; next: number } {
  let width = 0;
  let at = index;
  for (; at < end; at++) {
    const code = text.charCodeAt(at);
    if (code === 32) width++;
    else if (code === 9) width = width + 8 - (width % 8);
    else if (code !== 12) break;
  }
  return { width, next: at };
}

function readNumber(text: string, index: number, end: number): number {
  let stop = index;
  while (stop < end) {
    const code = text.charCodeAt(stop);
    const previous = text.charCodeAt(stop - 1);
    const exponentSign = (code === 43 || code === 45) && (previous === 101 || previous === 69) && stop > index;
    if (isNamePart(code) || code === 46 || exponentSign) stop++;
    else break;
  }
  return stop;
}

function readOperator(text: string, index: number, end: number): string {
  const three = text.slice(index, Math.min(end, index + 3));
  if (threeCharOperators.has(three)) return three;
  const two = three.slice(0, 2);
  if (twoCharOperators.has(two)) return two;
  return text[index];
}

const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** Reads a string literal whose prefix starts at `start` and whose quote is at `quoteAt`. */
function readString(text: string, start: number, quoteAt: number, end: number): PyToken {
  const prefix = text.slice(start, quoteAt).toLowerCase();
  const raw = prefix.includes('r');
  const quote = text[quoteAt];
  const triple = text[quoteAt + 1] === quote && text[quoteAt + 2] === quote;
  const contentStart = quoteAt + (triple ? 3 : 1);
  let value = '';
  let index = contentStart;
  let contentEnd = end;
  let stop = end;
  while (index < end) {
    const char = text[index];
    if (char === '\\' && index + 1 < end) {
      const next = text[index + 1];
      if (raw) value += char + next;
      else if (next === '\n') value += '';
      else value += escapes[next] ?? char + next;
      index += 2;
      continue;
    }
    if (char === quote && (!triple || (text[index + 1] === quote && text[index + 2] === quote))) {
      contentEnd = index;
      stop = index + (triple ? 3 : 1);
      break;
    }
    if (!triple && (char === '\n' || char === '\r')) {
      contentEnd = stop = index;
      break;
    }
    value += char;
    index++;
  }
  const formatted = prefix.includes('f');
  return { kind: 'string', value: formatted ? text.slice(contentStart, contentEnd) : value, start, end: stop, formatted, contentStart, contentEnd };
}
