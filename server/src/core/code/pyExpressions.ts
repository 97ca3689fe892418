// A forgiving parser for the Python expressions fact extraction needs: names, attributes, calls, subscripts, literals, f-strings.
import { logicalLines, type PyToken } from './pyTokens';

/** A parsed Python expression; anything the parser does not model is `other`. */
export type PyExpr = { start: number; end: number } & (
  | { kind: 'name'; name: string }
  | { kind: 'string'; value: string; contentStart: number; contentEnd: number }
  | { kind: 'fstring'; parts: (string | PyExpr)[] }
  | { kind: 'number'; value: string }
  | { kind: 'attribute'; object: PyExpr; name: string; nameStart: number }
  | { kind: 'call'; callee: PyExpr; args: PyExpr[]; keywords: PyKeyword[] }
  | { kind: 'subscript'; object: PyExpr; index: PyExpr }
  | { kind: 'binary'; operator: string; left: PyExpr; right: PyExpr }
  | { kind: 'list'; items: PyExpr[] }
  | { kind: 'dict'; entries: { key: PyExpr; value: PyExpr }[]; spreads: PyExpr[] }
  | { kind: 'other'; children: PyExpr[] }
);

/** A keyword argument (`QueueUrl=url`) or a `**params` spread (name undefined). */
export interface PyKeyword {
  name?: string;
  value: PyExpr;
}

const closers: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
const comparisonWords = new Set(['in', 'not', 'is']);
const comparisonOperators = new Set(['==', '!=', '<', '>', '<=', '>=']);
const binaryOperators = new Set(['+', '-', '*', '/', '%', '@', '|', '&', '^', '<<', '>>', '//', '**']);
const unaryOperators = new Set(['-', '+', '~', '*', '**']);
const maxDepth = 200;

/** Shared by the parsers of one file: set when an expression was nested too deeply and cut short. */
export interface ParseReport {
  truncated: boolean;
}

/** A cursor over one logical line's tokens. */
export class PyParser {
  position = 0;
  private depth = 0;

  constructor(
    private readonly tokens: PyToken[],
    private readonly text: string,
    private readonly report?: ParseReport,
  ) {}

  peek(offset = 0): PyToken | undefined {
    return this.tokens[this.position + offset];
  }

  at(value: string): boolean {
    const token = this.tokens[this.position];
    return token !== undefined && (token.kind === 'op' || token.kind === 'name') && token.value === value;
  }

  private take(): PyToken {
    return this.tokens[this.position++];
  }

  private other(start: number, end: number, children: PyExpr[] = []): PyExpr {
    return { kind: 'other', children, start, end };
  }

  /** An expression, including `a if c else b`, `lambda`, and tuples without brackets when `allowTuple`. */
  expression(allowTuple = false): PyExpr {
    const first = this.conditional();
    if (!allowTuple || !this.at(',')) return first;
    const items = [first];
    while (this.at(',')) {
      this.take();
      if (this.atEnd() || this.at('=') || this.at(')') || this.at(']') || this.at('}') || this.at(':')) break;
      items.push(this.conditional());
    }
    return this.other(first.start, items[items.length - 1].end, items);
  }

  atEnd(): boolean {
    return this.position >= this.tokens.length;
  }

  private conditional(): PyExpr {
    if (this.depth > maxDepth) return this.giveUp();
    this.depth++;
    const value = this.conditionalInner();
    this.depth--;
    return value;
  }

  /** Past the nesting limit the rest of the line is one opaque expression. */
  private giveUp(): PyExpr {
    const start = this.peek()?.start ?? 0;
    const end = this.tokens.length ? this.tokens[this.tokens.length - 1].end : start;
    this.position = this.tokens.length;
    if (this.report) this.report.truncated = true;
    return this.other(start, end);
  }

  private conditionalInner(): PyExpr {
    if (this.at('lambda')) return this.lambda();
    const value = this.or();
    if (!this.at('if')) return value;
    this.take();
    const condition = this.or();
    if (this.at('else')) this.take();
    const alternative = this.atEnd() ? condition : this.conditional();
    return this.other(value.start, alternative.end, [value, condition, alternative]);
  }

  private lambda(): PyExpr {
    const start = this.take().start;
    while (!this.atEnd() && !this.at(':')) this.take();
    if (this.at(':')) this.take();
    const body = this.atEnd() ? this.other(start, start) : this.conditional();
    return this.other(start, body.end, [body]);
  }

  private or(): PyExpr {
    let left = this.and();
    while (this.at('or')) {
      this.take();
      const right = this.and();
      left = { kind: 'binary', operator: 'or', left, right, start: left.start, end: right.end };
    }
    return left;
  }

  private and(): PyExpr {
    let left = this.not();
    while (this.at('and')) {
      this.take();
      const right = this.not();
      left = this.other(left.start, right.end, [left, right]);
    }
    return left;
  }

  private not(): PyExpr {
    if (!this.at('not')) return this.comparison();
    const start = this.take().start;
    const operand = this.conditional();
    return this.other(start, operand.end, [operand]);
  }

  private comparison(): PyExpr {
    let left = this.binary();
    for (;;) {
      const token = this.peek();
      if (!token || !((token.kind === 'op' && comparisonOperators.has(token.value)) || (token.kind === 'name' && comparisonWords.has(token.value)))) return left;
      this.take();
      if (this.at('not') || this.at('in')) this.take();
      const right = this.binary();
      left = this.other(left.start, right.end, [left, right]);
    }
  }

  /** Arithmetic and bitwise operators, all at one level: only `+` (concatenation) matters for tracing. */
  private binary(): PyExpr {
    let left = this.unary();
    for (;;) {
      const token = this.peek();
      if (!token || token.kind !== 'op' || !binaryOperators.has(token.value)) return left;
      this.take();
      const right = this.unary();
      left = { kind: 'binary', operator: token.value, left, right, start: left.start, end: right.end };
    }
  }

  private unary(): PyExpr {
    const token = this.peek();
    if (token && ((token.kind === 'op' && unaryOperators.has(token.value)) || (token.kind === 'name' && token.value === 'await'))) {
      this.take();
      if (this.depth > maxDepth) return this.giveUp();
      this.depth++;
      const operand = this.unary();
      this.depth--;
      // `await x` is x for tracing purposes; signs and unpacking are not.
      return token.value === 'await' ? operand : this.other(token.start, operand.end, [operand]);
    }
    return this.postfix();
  }

  private postfix(): PyExpr {
    let value = this.atom();
    for (;;) {
      if (this.at('.') && this.peek(1)?.kind === 'name') {
        this.take();
        const name = this.take();
        value = { kind: 'attribute', object: value, name: name.value, nameStart: name.start, start: value.start, end: name.end };
      } else if (this.at('(')) {
        value = this.call(value);
      } else if (this.at('[')) {
        this.take();
        const index = this.at(']') ? this.other(value.end, value.end) : this.expression(true);
        const end = this.close(']');
        value = { kind: 'subscript', object: value, index, start: value.start, end };
      } else {
        return value;
      }
    }
  }

  /** Skips to and past the closing bracket, returning the offset after it. */
  private close(closer: string): number {
    let nesting = 0;
    while (!this.atEnd()) {
      const token = this.take();
      if (token.kind !== 'op') continue;
      if (token.value in closers) nesting++;
      else if (nesting > 0 && (token.value === ')' || token.value === ']' || token.value === '}')) nesting--;
      else if (token.value === closer) return token.end;
    }
    return this.tokens.length ? this.tokens[this.tokens.length - 1].end : 0;
  }

  private call(callee: PyExpr): PyExpr {
    this.take();
    const args: PyExpr[] = [];
    const keywords: PyKeyword[] = [];
    while (!this.atEnd() && !this.at(')')) {
      const before = this.position;
      const token = this.peek()!;
      if (token.kind === 'name' && this.peek(1)?.value === '=' && this.peek(1)?.kind === 'op') {
        this.position += 2;
        keywords.push({ name: token.value, value: this.conditional() });
      } else if (this.at('**')) {
        this.take();
        keywords.push({ value: this.conditional() });
      } else {
        const argument = this.conditional();
        if (this.at('for')) this.skipComprehension();
        args.push(argument);
      }
      if (this.at(',')) this.take();
      else if (this.position === before || !this.at(')')) this.skipUntil([',', ')']);
    }
    const end = this.close(')');
    return { kind: 'call', callee, args, keywords, start: callee.start, end };
  }

  private skipComprehension(): void {
    this.skipUntil([')', ']', '}']);
  }

  /** Skips balanced tokens until one of `stops` at this bracket level (not consumed, except a stray ','). */
  private skipUntil(stops: string[]): void {
    let nesting = 0;
    while (!this.atEnd()) {
      const token = this.peek()!;
      if (token.kind === 'op') {
        if (nesting === 0 && stops.includes(token.value)) {
          if (token.value === ',') this.take();
          return;
        }
        if (token.value in closers) nesting++;
        else if (token.value === ')' || token.value === ']' || token.value === '}') nesting = Math.max(0, nesting - 1);
      }
      this.take();
    }
  }

  private atom(): PyExpr {
    const token = this.peek();
    if (!token) {
      const end = this.tokens.length ? this.tokens[this.tokens.length - 1].end : 0;
      return this.other(end, end);
    }
    if (token.kind === 'name') {
      this.take();
      return { kind: 'name', name: token.value, start: token.start, end: token.end };
    }
    if (token.kind === 'number') {
      this.take();
      return { kind: 'number', value: token.value, start: token.start, end: token.end };
    }
    if (token.kind === 'string') return this.strings();
    if (token.value === '(' || token.value === '[' || token.value === '{') return this.bracketed(token);
    this.take();
    return this.other(token.start, token.end);
  }

  /** Adjacent string literals concatenate; any f-string among them makes the whole an f-string. */
  private strings(): PyExpr {
    const parts: (string | PyExpr)[] = [];
    const first = this.peek()!;
    let last = first;
    let formatted = false;
    while (this.peek()?.kind === 'string') {
      last = this.take();
      if (last.formatted) {
        formatted = true;
        parts.push(...formattedParts(this.text, last.contentStart!, last.contentEnd!, this.report));
      } else {
        parts.push(last.value);
      }
    }
    if (!formatted) {
      const value = parts.join('');
      return { kind: 'string', value, contentStart: first.contentStart!, contentEnd: last.contentEnd!, start: first.start, end: last.end };
    }
    return { kind: 'fstring', parts, start: first.start, end: last.end };
  }

  private bracketed(open: PyToken): PyExpr {
    this.take();
    const closer = closers[open.value];
    let sawComma = false;
    const items: PyExpr[] = [];
    const entries: { key: PyExpr; value: PyExpr }[] = [];
    const spreads: PyExpr[] = [];
    let comprehension = false;
    while (!this.atEnd() && !this.at(closer)) {
      const before = this.position;
      if (open.value === '{' && this.at('**')) {
        this.take();
        spreads.push(this.conditional());
      } else {
        const item = this.conditional();
        if (open.value === '{' && this.at(':')) {
          this.take();
          entries.push({ key: item, value: this.conditional() });
        } else {
          items.push(item);
        }
      }
      if (this.at('for')) {
        comprehension = true;
        this.skipUntil([closer]);
      }
      if (this.at(',')) {
        this.take();
        sawComma = true;
      } else if (this.position === before || !this.at(closer)) this.skipUntil([',', closer]);
    }
    const end = this.close(closer);
    if (comprehension) return this.other(open.start, end, [...items, ...entries.map((entry) => entry.value)]);
    if (open.value === '{') return { kind: 'dict', entries, spreads, start: open.start, end };
    if (open.value === '[') return { kind: 'list', items, start: open.start, end };
    // `(x)` is x; `(x,)` and `(x, y)` are tuples, which trace like lists.
    return items.length === 1 && !sawComma ? items[0] : { kind: 'list', items, start: open.start, end };
  }
}

/** The literal text and `{expression}` parts of an f-string's content. */
function formattedParts(text: string, start: number, end: number, report: ParseReport | undefined): (string | PyExpr)[] {
  const parts: (string | PyExpr)[] = [];
  let literal = '';
  let index = start;
  while (index < end) {
    const char = text[index];
    if ((char === '{' || char === '}') && text[index + 1] === char) {
      literal += char;
      index += 2;
      continue;
    }
    if (char !== '{') {
      literal += char;
      index++;
      continue;
    }
    const close = fieldEnd(text, index + 1, end);
    if (literal) parts.push(literal);
    literal = '';
    const tokens = logicalLines(text, index + 1, close.expressionEnd).flatMap((line) => line.tokens);
    parts.push(tokens.length ? new PyParser(tokens, text, report).expression(true) : { kind: 'other', children: [], start: index, end: close.next });
    index = close.next;
  }
  if (literal) parts.push(literal);
  return parts;
}

/** Where a replacement field's expression ends (before `!r`, `:spec` or `=`) and where the field ends. */
function fieldEnd(text: string, start: number, end: number): { expressionEnd: number; next: number } {
  let nesting = 0;
  let expressionEnd = -1;
  for (let index = start; index < end; index++) {
    const char = text[index];
    if (char === '(' || char === '[' || char === '{') nesting++;
    else if ((char === ')' || char === ']') && nesting > 0) nesting--;
    else if (char === '}') {
      if (nesting > 0) nesting--;
      else return { expressionEnd: expressionEnd >= 0 ? expressionEnd : index, next: index + 1 };
    } else if (nesting === 0 && expressionEnd < 0 && (char === ':' || (char === '!' && text[index + 1] !== '='))) {
      expressionEnd = index;
    }
  }
  return { expressionEnd: expressionEnd >= 0 ? expressionEnd : end, next: end };
}
