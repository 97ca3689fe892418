// Puts multi-line YAML flow collections (`[...]`, `{...}`) on one line without moving any offset, for templates whose closing brackets sit no deeper than their key.
//
// CloudFormation and the SAM CLI read YAML with parsers that ignore indentation inside flow collections, so
//   Statements: [{
//     "Effect": "Allow"
//   }]
// deploys; the `yaml` package rejects the `}]` line because it is not indented past `Statements`. Inside a flow
// collection a line break is only white space, so each one (and each comment, which would swallow the next line)
// is replaced by spaces of the same length: the parser then sees one long line and every node keeps its offsets.

/** The text with the line breaks and comments inside flow collections turned into spaces; the same length as `text`. */
export function joinFlowLines(text: string): string {
  const blanks: [number, number][] = [];
  const scanner: Scanner = { text, depth: 0, quote: '', blockIndent: -1 };
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    scanLine(scanner, lineStart, lineEnd, blanks);
    if (newline < 0) break;
    if (scanner.depth > 0 && !scanner.quote) {
      const breakStart = text[newline - 1] === '\r' ? newline - 1 : newline;
      blanks.push([breakStart, newline + 1]);
    }
    lineStart = newline + 1;
  }
  if (!blanks.length) return text;
  let out = '';
  let at = 0;
  for (const [start, end] of blanks) {
    out += text.slice(at, start) + ' '.repeat(end - start);
    at = end;
  }
  return out + text.slice(at);
}

interface Scanner {
  text: string;
  /** Nesting of flow collections at the current position (0: block context). */
  depth: number;
  /** The quote character of a quoted scalar that is open, or ''. */
  quote: string;
  /** Indentation of the line that opened a block scalar (`|`, `>`), whose more-indented lines are its content; -1 when none. */
  blockIndent: number;
}

function scanLine(s: Scanner, lineStart: number, lineEnd: number, blanks: [number, number][]): void {
  const text = s.text;
  let indent = 0;
  while (lineStart + indent < lineEnd && (text[lineStart + indent] === ' ' || text[lineStart + indent] === '\t')) indent++;
  if (s.depth === 0 && !s.quote && s.blockIndent >= 0) {
    const blank = lineStart + indent >= lineEnd || text[lineStart + indent] === '\r';
    if (blank || indent > s.blockIndent) return;
    s.blockIndent = -1;
  }
  for (let at = lineStart + (s.quote ? 0 : indent); at < lineEnd; at++) {
    const c = text[at];
    if (s.quote) {
      if (s.quote === '"' && c === '\\') at++;
      else if (c === s.quote) {
        if (s.quote === "'" && text[at + 1] === "'") at++;
        else s.quote = '';
      }
      continue;
    }
    if (c === '#' && (at === lineStart || /\s/.test(text[at - 1]))) {
      if (s.depth > 0) blanks.push([at, text[lineEnd - 1] === '\r' ? lineEnd - 1 : lineEnd]);
      return;
    }
    if (s.depth > 0) {
      if ((c === '"' || c === "'") && startsToken(text, at, lineStart)) s.quote = c;
      else if (c === '[' || c === '{') s.depth++;
      else if (c === ']' || c === '}') s.depth--;
      continue;
    }
    if (!startsNode(text, at, lineStart)) continue;
    if (c === '"' || c === "'") s.quote = c;
    else if (c === '[' || c === '{') s.depth = 1;
    else if ((c === '|' || c === '>') && /^[|>][-+0-9]*\s*(#.*)?\r?$/.test(text.slice(at, lineEnd))) {
      s.blockIndent = indent;
      return;
    }
  }
}

/** Inside a flow collection: whether a quote at `at` opens a quoted scalar (it follows `[`, `{`, `,`, `:` or a line start). */
function startsToken(text: string, at: number, lineStart: number): boolean {
  let before = at - 1;
  while (before >= lineStart && (text[before] === ' ' || text[before] === '\t')) before--;
  return before < lineStart || '[{,:'.includes(text[before]);
}

/** In block context: whether a node can start at `at` (after `key: `, `- `, `? `, a tag or anchor, or at the start of the line). */
function startsNode(text: string, at: number, lineStart: number): boolean {
  let before = at - 1;
  while (before >= lineStart && (text[before] === ' ' || text[before] === '\t')) before--;
  if (before < lineStart) return true;
  if (before === at - 1) return false;
  const c = text[before];
  if (c === ':' || c === '-' || c === '?') return before === lineStart || /\s/.test(text[before - 1]) || c === ':';
  // A tag or an anchor (`!Sub`, `!If`, `&name`) in front of the node.
  let tokenStart = before;
  while (tokenStart > lineStart && !/\s/.test(text[tokenStart - 1])) tokenStart--;
  return (text[tokenStart] === '!' || text[tokenStart] === '&') && startsNode(text, tokenStart, lineStart);
}
