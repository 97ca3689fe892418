// The parse floor: reading and parsing every template with `yaml` and every handler with TypeScript's createSourceFile, once, on one thread.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ts } from 'ts-morph';
import { parseDocument } from 'yaml';

/** Milliseconds to read and parse the first `n` functions' templates and handlers of a generated workspace, once. */
export function parseFloorOnce(root: string, n: number): number {
  const start = performance.now();
  for (let s = 0; s < Math.round(n / 10); s++) {
    const dir = join(root, `svc${s}`);
    parseDocument(readFileSync(join(dir, 'template.yaml'), 'utf8'));
    for (let f = 0; f < 10 && s * 10 + f < n; f++) {
      const file = join(dir, 'src', 'handlers', `F${s}x${f}.ts`);
      ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false);
    }
  }
  return performance.now() - start;
}
