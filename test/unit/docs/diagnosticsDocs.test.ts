// Every rule has a documentation entry and a severity setting the extension declares.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from '../../../server/src/core/index';

const REPO = join(__dirname, '..', '..', '..');

test('docs/diagnostics.md has a section for every rule code', () => {
  const docs = readFileSync(join(REPO, 'docs', 'diagnostics.md'), 'utf8');
  const missing = RULES.map((r) => r.code).filter((code) => !new RegExp(`^## ${code}$`, 'm').test(docs));
  assert.deepEqual(missing, []);
});

test('package.json declares a severity setting for every rule code', () => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
  const properties = manifest.contributes.configuration.properties ?? Object.assign({}, ...manifest.contributes.configuration.map((c: { properties: object }) => c.properties));
  const declared = Object.keys(properties['samAtlas.diagnostics']?.properties ?? {});
  assert.deepEqual(RULES.map((r) => r.code).filter((code) => !declared.includes(code)), []);
});
