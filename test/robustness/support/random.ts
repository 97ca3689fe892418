// A small seeded random generator and text mutations (truncation, byte flips, token insertion, splicing) for the fuzz suites.

/** A deterministic random source: the same seed gives the same sequence, so a failure can be replayed. */
export class Random {
  private state: number;

  constructor(readonly seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  /** A float in [0, 1) (mulberry32). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, below). */
  int(below: number): number {
    return Math.floor(this.next() * Math.max(1, below));
  }

  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)];
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The seed to use: `SAM_ATLAS_FUZZ_SEED` when set (to replay a failure), else one derived from the clock. */
export function fuzzSeed(): number {
  const fromEnv = Number(process.env.SAM_ATLAS_FUZZ_SEED);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : (Date.now() % 2_147_483_647) + 1;
}

/** How many iterations to run: `SAM_ATLAS_FUZZ_ITERATIONS` when set, else `fallback`. */
export function fuzzIterations(fallback: number): number {
  const fromEnv = Number(process.env.SAM_ATLAS_FUZZ_ITERATIONS);
  return Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : fallback;
}

/** Tokens that stress a YAML/JSON/intrinsic parser when dropped at a random place. */
export const HOSTILE_TOKENS = ['!Ref ', '!GetAtt ', '!Sub ', '${', '}', '[', ']', '{', '}', ':', ': ', '- ', '*alias', '&anchor ', '*a', '&a ', '"', "'", '\n', '\n  ', '\t', '#', '|', '>', '!!binary ', '? ', '---\n', '...\n', ',', '\u0000', '\ufeff', '\ud800', '%YAML 1.2\n', '!Sub "${Unclosed', '!GetAtt [a, b, c]', '!Ref {a: 1}', 'Fn::Sub', 'Ref'];

/** Code tokens for handler mutations. */
export const CODE_TOKENS = ['(', ')', '{', '}', '[', ']', '`', '${', '"', "'", '/*', '*/', '//', '=>', 'export ', 'import ', 'require(', 'process.env.', 'new ', 'async ', 'await ', '.send(', ';', ',', '\n', '\\', 'def ', 'class ', ':', '    ', '@', '#'];

export type Mutation = 'truncate' | 'flip' | 'insert' | 'delete' | 'duplicate' | 'splice' | 'swapLines' | 'indent';

/** Applies `count` random mutations to `text`; `other` is a second file to splice from. Returns the text and what was done. */
export function mutate(random: Random, text: string, other: string, tokens: readonly string[], count = 1 + random.int(3)): { text: string; steps: string[] } {
  const steps: string[] = [];
  let out = text;
  for (let i = 0; i < count; i++) {
    const kind = random.pick<Mutation>(['truncate', 'flip', 'insert', 'insert', 'delete', 'duplicate', 'splice', 'swapLines', 'indent']);
    const at = random.int(out.length + 1);
    switch (kind) {
      case 'truncate':
        out = out.slice(0, at);
        break;
      case 'flip': {
        const code = out.charCodeAt(at) || 32;
        out = out.slice(0, at) + String.fromCharCode(code ^ (1 << random.int(8))) + out.slice(at + 1);
        break;
      }
      case 'insert':
        out = out.slice(0, at) + random.pick(tokens) + out.slice(at);
        break;
      case 'delete':
        out = out.slice(0, at) + out.slice(at + 1 + random.int(40));
        break;
      case 'duplicate': {
        const length = 1 + random.int(200);
        out = out.slice(0, at) + out.slice(at, at + length) + out.slice(at);
        break;
      }
      case 'splice': {
        const from = random.int(other.length);
        out = out.slice(0, at) + other.slice(from, from + 1 + random.int(400)) + out.slice(at + random.int(100));
        break;
      }
      case 'swapLines': {
        const lines = out.split('\n');
        const a = random.int(lines.length);
        const b = random.int(lines.length);
        [lines[a], lines[b]] = [lines[b], lines[a]];
        out = lines.join('\n');
        break;
      }
      case 'indent': {
        const lines = out.split('\n');
        const line = random.int(lines.length);
        lines[line] = random.chance(0.5) ? ` ${lines[line]}` : lines[line].replace(/^ {1,2}/, '');
        out = lines.join('\n');
        break;
      }
    }
    steps.push(`${kind}@${at}`);
  }
  return { text: out, steps };
}
