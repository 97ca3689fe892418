// Impact of changes runs git only in a trusted workspace, and becomes available when the editor says the user trusted it.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ImpactRequest, WorkspaceTrustNotification } from '../../server/src/protocol/index';
import { startServer } from '../support/lspClient';

const folders: string[] = [];
after(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

function git(cwd: string, ...args: string[]): void {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
}

test('an untrusted workspace gets no git until the trust notification, then the changed function', async (t) => {
  if (spawnSync('git', ['--version']).status !== 0) return t.skip('git is not installed');
  const root = mkdtempSync(join(tmpdir(), 'sam-atlas-trust-'));
  folders.push(root);
  mkdirSync(join(root, 'src'));
  writeFileSync(join(root, 'template.yaml'), 'Transform: AWS::Serverless-2016-10-31\nResources:\n  Hello:\n    Type: AWS::Serverless::Function\n    Properties:\n      Runtime: nodejs20.x\n      CodeUri: src/\n      Handler: hello.handler\n');
  writeFileSync(join(root, 'src', 'hello.ts'), 'export const handler = async () => 1;\n');
  git(root, 'init', '-q');
  git(root, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '-A');
  git(root, '-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'init');
  writeFileSync(join(root, 'src', 'hello.ts'), 'export const handler = async () => 2;\n');
  const client = await startServer(root, { trusted: false });
  try {
    await client.whenReady();
    const refused = await client.connection.sendRequest(ImpactRequest.type, { base: 'HEAD' });
    assert.match(refused.error ?? '', /trusted workspace/);
    await client.connection.sendNotification(WorkspaceTrustNotification.type, {});
    const answered = await client.connection.sendRequest(ImpactRequest.type, { base: 'HEAD' });
    assert.equal(answered.error, undefined);
    assert.match(JSON.stringify(answered), /Hello/);
  } finally {
    await client.stop();
  }
});
