// Profiles the edit path (snapshot + every rule) on a generated workspace and writes a .cpuprofile (a profiling aid, not a test).
import { readFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { createHost, diagnose } from '../server/src/core/index';
import { loadWorkspace } from '../server/src/disk/loader';
import { generateWorkspace } from './generate';

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 2000);
  const root = join('/tmp', `sam-atlas-rules-${n}`);
  generateWorkspace(root, n);
  const host = createHost({ roots: [root] });
  let { analysis } = await loadWorkspace(host, [root], { maxFileSize: 5e6, pool: false });
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
