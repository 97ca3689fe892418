// Profiles the edit path (snapshot + every rule) on a generated workspace and writes a .cpuprofile (a profiling aid, not a test).
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { diagnose } from '../server/src/core/index';
import { loadGenerated } from './loadGenerated';

async function main(): Promise<void> {
  const loaded = await loadGenerated();
  const { root, host } = loaded;
  let analysis = loaded.analysis;
  diagnose(analysis);
  const file = join(root, 'svc0', 'src', 'handlers', 'F0x0.ts');
  const original = readFileSync(file, 'utf8');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const times: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    analysis = host.applyChanges([{ path: file, text: `${original}\n// edit ${i}` }]);
    diagnose(analysis);
    times.push(performance.now() - t);
  }
  const { profile } = await session.post('Profiler.stop');
  writeFileSync('/tmp/edit.cpuprofile', JSON.stringify(profile));
  times.sort((a, b) => a - b);
  console.log(`edit: p50 ${times[10].toFixed(0)} ms, min ${times[0].toFixed(0)} ms; profile in /tmp/edit.cpuprofile`);
}

void main();
