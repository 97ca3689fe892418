// Times each diagnostic rule, cold and after a one-handler edit, on a generated workspace (a profiling aid, not a test).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose, graphOf, RULES } from '../server/src/core/index';
import { loadGenerated } from './loadGenerated';

async function main(): Promise<void> {
  const loaded = await loadGenerated();
  const { root, host } = loaded;
  let analysis = loaded.analysis;
  const time = (label: string) => {
    let t = performance.now();
    graphOf(analysis);
    const rows: [string, number, number][] = [['graph', performance.now() - t, 0]];
    for (const rule of RULES) {
      t = performance.now();
      const found = rule.check(analysis, {});
      rows.push([rule.code, performance.now() - t, found.length]);
    }
    console.log(`${label}: ${rows.map(([c, ms, count]) => `${c} ${ms.toFixed(0)}ms${count ? `(${count})` : ''}`).join(', ')}`);
  };
  time('cold');
  diagnose(analysis);
  const file = join(root, 'svc0', 'src', 'handlers', 'F0x0.ts');
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    analysis = host.applyChanges([{ path: file, text: `${readFileSync(file, 'utf8')}\n// edit ${i}` }]);
    diagnose(analysis);
    console.log(`edit ${i}: snapshot + every rule through the registry ${(performance.now() - t).toFixed(0)} ms`);
  }
  time('after edit (each rule uncached)');
}

void main();
