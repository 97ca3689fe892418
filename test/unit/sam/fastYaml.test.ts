// Differential tests of the fast YAML reader: wherever it accepts a text it must build exactly what the `yaml` package path builds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fastYamlTree } from '../../../server/src/core/sam/fastYaml';
import { parseYamlTree, parseYamlTreeWithLibrary } from '../../../server/src/core/sam/yamlTree';

const REPO = join(__dirname, '..', '..', '..');
const FILE = '/work/template.yaml';

/** Compares the two readings of `text`; true when the fast reader accepted it (and then matched the library exactly). */
function compare(name: string, text: string): boolean {
  const fast = fastYamlTree(FILE, text);
  if (fast === undefined) return false;
  assert.deepStrictEqual(fast, parseYamlTreeWithLibrary(FILE, text), `${name} differs: ${JSON.stringify(text).slice(0, 2000)}`);
  return true;
}

function filesUnder(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir).sort()) {
    if (name === 'node_modules') continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) filesUnder(full, out);
    else if (/\.(ya?ml|json|template)$/.test(name)) out.push(full);
  }
  return out;
}

/** bench/generate.ts, loaded at run time (the bench project is not part of the test project). */
function generateWorkspace(root: string, functions: number): void {
  const bench = require(join(REPO, 'bench', 'generate.ts')) as { generateWorkspace(root: string, functions: number, seed?: number): unknown };
  bench.generateWorkspace(root, functions);
}

/** The generated bench workspace's templates (50 functions: 5 services). */
function generatedTemplates(): { name: string; text: string }[] {
  const root = mkdtempSync(join(tmpdir(), 'sam-atlas-fastyaml-'));
  try {
    generateWorkspace(root, 50);
    return filesUnder(root)
      .filter((f) => f.endsWith('template.yaml'))
      .map((f) => ({ name: relative(root, f), text: readFileSync(f, 'utf8') }));
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

const fixtures = [...filesUnder(join(REPO, 'examples')), ...filesUnder(join(REPO, 'test'))].map((f) => ({ name: relative(REPO, f), text: readFileSync(f, 'utf8') }));
const generated = generatedTemplates();

test('every example and fixture file reads the same both ways, and most example templates take the fast path', () => {
  let accepted = 0;
  let exampleTemplates = 0;
  let exampleAccepted = 0;
  for (const { name, text } of fixtures) {
    const ok = compare(name, text);
    if (ok) accepted++;
    if (name.startsWith('examples/') && /template\.ya?ml$/.test(name)) {
      exampleTemplates++;
      if (ok) exampleAccepted++;
    }
  }
  console.log(`fixtures: ${fixtures.length} compared, ${accepted} accepted; example templates: ${exampleAccepted}/${exampleTemplates}`);
  assert.ok(exampleTemplates >= 5);
  assert.ok(exampleAccepted * 2 > exampleTemplates, `only ${exampleAccepted} of ${exampleTemplates} example templates took the fast path`);
});

test('every generated bench template takes the fast path and reads the same', () => {
  assert.ok(generated.length >= 5);
  for (const { name, text } of generated) assert.ok(compare(name, text), `${name} was declined`);
  console.log(`generated: ${generated.length} compared, all accepted`);
});

test('parseYamlTree returns the fast reading when there is one', () => {
  const text = generated[0].text;
  assert.deepStrictEqual(parseYamlTree(FILE, text), fastYamlTree(FILE, text));
  assert.deepStrictEqual(parseYamlTree(FILE, 'a: &x 1\nb: *x\n'), parseYamlTreeWithLibrary(FILE, 'a: &x 1\nb: *x\n'));
});

/** Hand-written snippets: [name, text, expected outcome ('accept', 'decline' or undefined when either is fine)]. */
const SNIPPETS: [string, string, ('accept' | 'decline')?][] = [
  ['quoted keys', `"a b": 1\n'c': 2\n"": 3\n'it''s': x\n`, 'accept'],
  ['single quotes', `a: 'it''s'\nb: ''\nc: ' x '\n`, 'accept'],
  ['double-quote escapes', `a: "\\u00e9\\n\\t\\"x\\""\nb: "\\x41\\U0001F600\\\\ \\/ \\0 \\_ \\N \\e"\n`, 'accept'],
  ['bad escape', `a: "\\q"\n`, 'decline'],
  ['numbers', 'a: 0x1F\nb: 0o17\nc: 010\nd: +12\ne: -0\nf: 1e3\ng: .5\nh: 1.0\ni: .inf\nj: -.Inf\nk: .NaN\nl: 12_000\nm: 1,000\nn: 0x\no: 1.5E-3\np: -.5e+2\nq: 0o8\nr: 99999999999999999999\ns: +.inf\nt: 1.\nu: 0.10\n', 'accept'],
  ['number keys', '1: a\n1.0: b\n0x10: c\ntrue: d\nnull: e\n~: f\n.nan: g\n-0: h\n', 'accept'],
  ['nulls', 'a: null\nb: Null\nc: ~\nd:\ne: NULL\nf: nULL\n', 'accept'],
  ['booleans', 'a: true\nb: True\nc: TRUE\nd: yes\ne: on\nf: off\ng: no\nh: False\ni: tRUE\n', 'accept'],
  ['dates and versions', `a: 2012-10-17\nb: '2010-09-09'\nc: 2001-12-14t21:59:43.10-05:00\nd: 1.2.3\n`, 'accept'],
  ['values with colons and hashes', 'a: b:c\nb: http://x/y#z\nc: x # comment\nd: arn:aws:s3:::bucket/*\ne: a#b\n', 'accept'],
  ['value with ": " inside', 'a: b: c\n', 'decline'],
  ['key:value without space', 'key:value\n', 'decline'],
  ['trailing spaces', 'a: 1   \nb:    \nc: x  \n  \n', 'accept'],
  ['CRLF', 'a: 1\r\nb:\r\n  c: d # c\r\n  e: [1, "x"]\r\n\r\n  # f\r\ng: |\r\n  x\r\n\r\n  y\r\nh: >+\r\n  z\r\n  \r\n\r\n', 'accept'],
  ['lone CR', 'a: 1\rb: 2\n', 'decline'],
  ['tabs', 'a:\tb\n'],
  ['tab indentation', 'a:\n\tb: c\n'],
  ['BOM', '\ufeffa: 1\nb: 2\n', 'accept'],
  ['BOM then comment', '\ufeff# c\na: 1\n'],
  ['document markers', '---\na: 1\n...\n', 'accept'],
  ['document start with comment', '--- # c\na: 1\n'],
  ['two documents', 'a: 1\n---\nb: 2\n', 'decline'],
  ['empty file', '', 'accept'],
  ['only comments', '# a\n\n  # b\n', 'accept'],
  ['only ---', '---\n'],
  ['comments everywhere', '# head\na: 1 # one\n# between\nb: # empty\n  # inner\n  c: 2\n    # deep\n  # same\n# end\n', 'accept'],
  ['top-level sequence', '- a\n- b: 1\n  c: 2\n- - x\n  - y\n-\n- [1, 2]\n', 'accept'],
  ['flow on one line', `a: [1, "two", 'three', {k: v}, [], {}]\nb: { Ref: X }\nc: []\nd: {}\ne: [a, b, ]\nf: {"x":1, 'y': [2]}\n`, 'accept'],
  ['tags in flow', `a: !If [IsProd, !Ref A, !Ref "AWS::NoValue"]\nb: !Select [0, !GetAZs '']\nc: !Join ['', [a, !Sub '\${X}']]\nd: {Key: !Ref K}\n`, 'accept'],
  ['flow spanning lines', 'a: [1,\n  2]\nb: {\n  c: d\n}\n'],
  ['flow with a comment', 'a: [1, # c\n  2]\n'],
  ['unclosed flow', 'key: [unclosed\n', 'decline'],
  ['json', '{"a": [1, 2], "b": {"c": null}}\n', 'decline'],
  ['block scalars', 'a: |\n  x\n  y\nb: |-\n  x\n\nc: |+\n  x\n\n\nd: >\n  folded\n  text\n\n  para\n    more\ne: >-\n  f\nf: |2\n    two\n   one\ng: |\n\nh: x\n', 'accept'],
  ['block scalar at end without newline', 'a: |\n  x\n  y', 'accept'],
  ['keep at end', 'a: |+\n  x\n\n', 'accept'],
  ['folded keep', 'a: >+\n  x\n\n  \n', 'accept'],
  ['block scalar leading blank lines', 'a: |\n\n  x\n', 'accept'],
  ['block scalar more-indented leading blank', 'a: |\n     \n  x\n'],
  ['block scalar in sequence', '- |\n  x\n- >-\n  y\n  z\n- !Sub |\n  ${A}\n', 'accept'],
  ['!Sub multi-line', 'Value: !Sub |\n  arn:${AWS::Partition}:s3:::${Bucket}/*\n  second line\nNext: 1\n', 'accept'],
  ['block scalar with comment after header', 'a: | # c\n  x\n', 'accept'],
  ['block scalar bad header', 'a: |x\n  y\n', 'decline'],
  ['sequences of maps', 'L:\n  - Key: v\n    Other: w\n  - Key: v2\n', 'accept'],
  ['sequence at the parent key indentation', 'Key:\n- a\n- b\nOther: c\n', 'accept'],
  ['nested sequences', '- - a\n  - b\n- - - c\n', 'accept'],
  ['empty sequence items', 'a:\n  -\n  - x\n  -\nb: 1\n', 'accept'],
  ['empty item with a comment', 'a:\n  - # c\n  # d\nb: 1\n', 'accept'],
  ['anchors and aliases', 'a: &x 1\nb: *x\n', 'decline'],
  ['merge key', 'a: &x {k: 1}\nb:\n  <<: *x\n', 'decline'],
  ['directive', '%YAML 1.2\n---\na: 1\n', 'decline'],
  ['complex key', '? a\n: b\n', 'decline'],
  ['other tags', 'a: !!str 1\nb: !Foo x\n', 'decline'],
  ['multi-line plain scalar', 'a: one\n  two\nb: x\n', 'decline'],
  ['multi-line quoted scalar', 'a: "one\n  two"\n', 'decline'],
  ['key with no value then less indented key', 'a:\n  b:\nc: 1\n', 'accept'],
  ['empty value then comment then dedent', 'a:\n  b:\n  # c\nc: 1\n', 'accept'],
  ['empty value at the end with comments', 'a:\n  b: # c\n    # d\n', 'accept'],
  ['duplicate keys', 'a: 1\na: 2\nb:\n  c: 1\n  c: 2\n', 'accept'],
  ['duplicate keys in flow', 'a: {x: 1, x: 2}\n', 'accept'],
  ['bad indentation', 'a:\n    b: 1\n  c: 2\n', 'decline'],
  ['unclosed quote', 'a: "x\n', 'decline'],
  ['tab as indentation', 'a:\n\t- b\n', 'decline'],
  ['tagged block collections', 'a: !If\n  - C\n  - x\n  - y\nb: !Base64\n  Fn::Sub: z\n', 'accept'],
  ['tagged sequence items', '- !If\n  - a\n  - b\n- !Base64\n    k: v\n', 'accept'],
  ['comments between a tag and its collection', 'a: !If\n\n  # c\n  - x\n  - y\n', 'accept'],
  ['empty tag', 'a: !Ref\nb: 1\n', 'decline'],
  ['tagged long-form stays a map', 'a: !Base64 {"Fn::Sub": x}\n', 'accept'],
  ['long-form intrinsics', 'a:\n  Fn::GetAtt: [A, Arn]\nb: {Ref: X}\nc:\n  Fn::ForEach::Loop: x\n', 'accept'],
  ['trailing comments close collections', 'R:\n  A:\n    T: x\n    # commented: y\n  B:\n    T: z\n  # end of R\nO: 1\n', 'accept'],
  ['comment deeper than the value after it', 'a:\n  b: 1\n      # deep\n', 'accept'],
  ['comment groups at the end', 'a:\n  b:\n    c: 1\n  # two\n# zero\n    # four\n', 'accept'],
  ['end marker then comment', 'a: 1\n... # c\n# d\n'],
  ['deep nesting', Array.from({ length: 150 }, (_, i) => `${' '.repeat(i * 2)}k${i}:`).join('\n') + ' x\n', 'decline'],
  ['unicode', 'name: "ünïcödé ✓"\nplain: 日本語\n"キー": 値\n', 'accept'],
  ['compact map after dash with more spaces', '-   a: 1\n    b: 2\n', 'accept'],
  ['seq under compact map key', '- a:\n  - x\n  b: 1\n'],
  ['plain starting with dash', 'a: -1\nb: -x\nc: - x\n'],
  ['indicator starts', 'a: @x\n', 'decline'],
  ['quoted then junk', 'a: "x" y\n', 'decline'],
  ['comment without space after quote', 'a: "x"#c\n'],
  ['root scalar', 'hello\n', 'decline'],
  ['indented root', '  a: 1\n  b: 2\n'],
];

test('tricky snippets read the same both ways, and accept or decline as expected', () => {
  for (const [name, text, expected] of SNIPPETS) {
    const accepted = compare(name, text);
    if (expected) assert.equal(accepted ? 'accept' : 'decline', expected, `${name}: ${JSON.stringify(text)}`);
  }
});

/** A small seeded generator (xorshift32), so the fuzz is the same on every run. */
function seeded(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

const INSERTS = [': ', '-', '- ', '#', ' #', "'", '"', '[', ']', '{', '}', '!', '&', '*', '|', '>', '\t', '\n', ' ', ',', ':', '? ', '|-', '|+', '>-', '|2', '!Ref ', '\r', ' # c\n', '\n\n', '\n  # x\n', '\n    # y\n', '\n# z\n', '...\n', '---\n'];

function mutate(text: string, rand: () => number): string {
  const lines = text.split('\n');
  const pick = () => Math.floor(rand() * lines.length);
  switch (Math.floor(rand() * 5)) {
    case 0:
      lines.splice(pick(), 1);
      return lines.join('\n');
    case 1: {
      const i = pick();
      lines.splice(i, 0, lines[i]);
      return lines.join('\n');
    }
    case 2: {
      const i = pick();
      const delta = [-2, -1, 1, 2][Math.floor(rand() * 4)];
      lines[i] = delta > 0 ? ' '.repeat(delta) + lines[i] : lines[i].replace(new RegExp(`^ {0,${-delta}}`), '');
      return lines.join('\n');
    }
    default: {
      const at = Math.floor(rand() * (text.length + 1));
      return text.slice(0, at) + INSERTS[Math.floor(rand() * INSERTS.length)] + text.slice(at);
    }
  }
}

test('seeded mutations of real templates read the same both ways', () => {
  const sources = [...fixtures.filter((f) => /\.ya?ml$/.test(f.name)), ...generated].filter((f) => fastYamlTree(FILE, f.text)).slice(0, 20);
  assert.ok(sources.length >= 10);
  const rand = seeded(20240611);
  let compared = 0;
  let accepted = 0;
  for (let round = 0; round < 5000; round++) {
    const source = sources[round % sources.length].text;
    let text = source;
    // Half the rounds work on a window of lines, so ends of file land in many places.
    if (round % 2) {
      const lines = source.split('\n');
      const from = Math.floor(rand() * lines.length);
      const window = lines.slice(from, from + 5 + Math.floor(rand() * 40));
      const indent = /^ */.exec(window.find((l) => l.trim()) ?? '')![0].length;
      text = window.map((l) => l.slice(Math.min(indent, /^ */.exec(l)![0].length))).join('\n');
    }
    // A third of the rounds use CRLF line breaks.
    if (round % 3 === 0) text = text.replace(/\r?\n/g, '\r\n');
    const steps = 1 + Math.floor(rand() * 3);
    for (let s = 0; s < steps; s++) text = mutate(text, rand);
    compared++;
    if (compare(`mutation ${round}`, text)) accepted++;
  }
  console.log(`fuzz: ${compared} mutations compared, ${accepted} accepted`);
  assert.ok(accepted > compared / 10);
});

/** Random documents in the subset: nested maps and sequences, comment lines at many depths, empty values, block scalars, flow, tags. */
function randomDocument(rand: () => number): string {
  const pick = <T>(list: T[]): T => list[Math.floor(rand() * list.length)];
  const scalars = ['x', 'two words', '1', '-0', '0x1F', '.5', 'true', 'null', '~', "'it''s'", '"a\\n"', '"a: b"', 'a#b', 'http://x', '!Ref A', '!GetAtt A.Arn', '!Sub ${X}', '[a, [b, {c: d}], !Ref e]', '{ Ref: X }', '[]', '{}', '!If [C, !Ref A, !Ref "AWS::NoValue"]', '2012-10-17', '-x', "''"];
  const keys = ['a', 'B', 'Ref', 'Fn::Sub', 'Fn::ForEach::L', '"q k"', "'s'", '1', 'true', 'null', 'a b'];
  const lineEnd = () => pick(['', '', '', '', ' # e', '   ']);
  const trivia = (indent: number): string => {
    let out = '';
    for (let i = Math.floor(rand() * 4) - 1; i > 0; i--) out += rand() < 0.3 ? '\n' : `${' '.repeat(Math.max(0, indent + Math.floor(rand() * 7) - 3))}# c\n`;
    return out;
  };
  const blockScalar = (indent: number): string => {
    const header = pick(['|', '|-', '|+', '>', '>-', '>+', '|2', '>1-']);
    const content = indent + (Number(header.replace(/\D/g, '')) || 2);
    let out = `${header}${lineEnd()}\n`;
    for (let i = Math.floor(rand() * 4); i > 0; i--) out += pick(['\n', `${' '.repeat(content + 2)}more\n`, `${' '.repeat(content + 1)}\n`, `${' '.repeat(content)}line\n`, `${' '.repeat(content)}line\n`]);
    return out;
  };
  const value = (indent: number, depth: number): string => {
    const r = rand();
    if (depth > 3 || r < 0.4) return ` ${pick(scalars)}${lineEnd()}\n${trivia(indent + 2)}`;
    if (r < 0.5) return `${lineEnd()}\n${trivia(indent)}`;
    if (r < 0.6) return ` ${rand() < 0.3 ? '!Sub ' : ''}${blockScalar(indent)}${trivia(indent)}`;
    if (r < 0.65) return ` !If\n${trivia(indent + 2)}${seq(indent + 2, depth + 1)}`;
    const child = indent + pick([1, 2, 2, 4]);
    if (r < 0.8) return `${lineEnd()}\n${trivia(child)}${map(child, depth + 1)}`;
    const at = rand() < 0.3 ? indent : child;
    return `${lineEnd()}\n${trivia(at)}${seq(at, depth + 1)}`;
  };
  const map = (indent: number, depth: number, compact = false): string => {
    let out = '';
    for (let i = 1 + Math.floor(rand() * 4); i > 0; i--, compact = false) out += `${compact ? '' : ' '.repeat(indent)}${pick(keys)}:${value(indent, depth)}`;
    return out;
  };
  const seq = (indent: number, depth: number): string => {
    let out = '';
    for (let i = 1 + Math.floor(rand() * 4); i > 0; i--) {
      const r = depth < 4 ? rand() : 0;
      out += `${' '.repeat(indent)}-`;
      if (r < 0.4) out += ` ${pick(scalars)}${lineEnd()}\n${trivia(indent + 2)}`;
      else if (r < 0.5) out += `${lineEnd()}\n${trivia(indent)}`;
      else if (r < 0.75) out += ` ${map(indent + 2, depth + 1, true)}`;
      else if (r < 0.85) out += ` ${seq(indent + 2, depth + 1).trimStart()}`;
      else out += `${lineEnd()}\n${trivia(indent + 2)}${map(indent + 2, depth + 1)}`;
    }
    return out;
  };
  let text = trivia(0) + (rand() < 0.85 ? map(0, 0) : seq(0, 0));
  if (rand() < 0.2) text = text.replace(/\n$/, '');
  if (rand() < 0.1) text = `---${pick(['', ' # d'])}\n${text}`;
  if (rand() < 0.1) text = `${text}${text.endsWith('\n') ? '' : '\n'}...${pick(['', ' # e', '\n# f\n'])}\n`;
  if (rand() < 0.05) text = `\ufeff${text}`;
  if (rand() < 0.2) text = text.replace(/\n/g, '\r\n');
  return text;
}

test('seeded random documents, and mutations of them, read the same both ways', () => {
  const rand = seeded(7);
  let compared = 0;
  let accepted = 0;
  for (let round = 0; round < 3000; round++) {
    let text = randomDocument(rand);
    if (round % 3 === 0) text = mutate(text, rand);
    compared++;
    if (compare(`random document ${round}`, text)) accepted++;
  }
  console.log(`random documents: ${compared} compared, ${accepted} accepted`);
  assert.ok(accepted > compared / 2);
});

/** Milliseconds `fastYamlTree` takes on `text`, and its reading. */
function timedRead(text: string): { ms: number; read: ReturnType<typeof fastYamlTree> } {
  const started = Date.now();
  const read = fastYamlTree(FILE, text);
  return { ms: Date.now() - started, read };
}

test('long lines of quoted scalars are read in one pass (a hostile template cannot make the reader quadratic)', () => {
  // The bounds, as in test/robustness, are far above any machine's noise and far below what a quadratic reader took here.
  // One scalar of 3,000,000 `''` pairs on a 6 MB line: rescanning for the line end after each pair took 95 s.
  const escaped = timedRead(`a: '${"''".repeat(3_000_000)}'\nb: 1\n${'c: x\n'.repeat(10_000)}`);
  assert.ok(escaped.ms < 30_000, `one long scalar: ${escaped.ms} ms`);
  const first = escaped.read?.value?.kind === 'map' ? escaped.read.value.entries[0].value : undefined;
  assert.equal(first?.kind === 'scalar' && first.value, "'".repeat(3_000_000));
  // 450,000 quoted keys in one flow map on a 3.6 MB line (the node limit stops the reader not far above): searching for
  // the line end from each key took about 9 s here, one pass about 0.3 s.
  // The same with double quotes: looking for a backslash from each key to the end of the text took about 9 s too.
  for (const quote of ["'", '"']) {
    const keys = timedRead(`a: {${`${quote}k${quote}: v, `.repeat(450_000)}z: 1}\n`);
    assert.ok(keys.ms < 5_000, `many ${quote}-quoted keys: ${keys.ms} ms`);
    assert.ok(keys.read?.value?.kind === 'map', `the flow map with ${quote}-quoted keys was declined`);
  }
});
