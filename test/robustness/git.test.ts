// The one place that runs a program (git, for the impact of changes) must not let a hostile repository's config run commands.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listChanges } from '../../server/src/disk/git';
import { cleanup, tempFolder } from './support/hostile';

const folders: string[] = [];
after(() => folders.forEach(cleanup));

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

test('listChanges runs no fsmonitor hook, clean/smudge/process filter, external diff or textconv the repository configures', async (t) => {
  if (spawnSync('git', ['--version']).status !== 0) {
    t.skip('git is not installed');
    return;
  }
  const repo = tempFolder('evil-repo');
  const markers = tempFolder('evil-markers');
  folders.push(repo, markers);
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.email', 'test@example.com');
  git(repo, 'config', 'user.name', 'test');
  writeFileSync(join(repo, 'template.yaml'), 'Resources: {}\n');
  writeFileSync(join(repo, '.gitattributes'), '*.yaml filter=evil diff=evil\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-qm', 'init');
  const touch = (name: string) => `touch ${join(markers, name)}; cat`;
  git(repo, 'config', 'core.fsmonitor', `touch ${join(markers, 'fsmonitor')}; false`);
  git(repo, 'config', 'filter.evil.clean', touch('clean'));
  git(repo, 'config', 'filter.evil.smudge', touch('smudge'));
  git(repo, 'config', 'filter.evil.process', `touch ${join(markers, 'process')}`);
  git(repo, 'config', 'diff.external', touch('external'));
  git(repo, 'config', 'diff.evil.textconv', touch('textconv'));
  git(repo, 'config', 'diff.evil.command', touch('command'));
  // A changed file (new size and time) makes git look at its content, which is when filters would run.
  await new Promise((resolve) => setTimeout(resolve, 1100));
  writeFileSync(join(repo, 'template.yaml'), 'Resources:\n  Queue:\n    Type: AWS::SQS::Queue\n');
  writeFileSync(join(repo, 'new.yaml'), 'x: 1\n');
  const changes = await listChanges(repo);
  assert.deepEqual(readdirSync(markers), [], 'git ran a command from the repository config');
  assert.ok('files' in changes, JSON.stringify(changes));
  assert.deepEqual(changes.files.map((f) => f.slice(repo.length + 1)), ['new.yaml', 'template.yaml']);
  assert.ok(!existsSync(join(markers, 'clean')));
});
