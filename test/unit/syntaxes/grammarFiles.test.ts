// Checks the injection grammar files themselves: the contributes snippet matches them, includes resolve and every regex compiles.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadWASM, createOnigScanner } from 'vscode-oniguruma';
import { REPO, projectContributions } from '../../fixtures/grammars/textmate';

type Rule = Record<string, unknown>;

interface Grammar extends Rule {
  scopeName: string;
  injectionSelector?: string;
  repository?: Record<string, Rule>;
}

const grammarFiles = readdirSync(join(REPO, 'syntaxes')).filter((name) => name.endsWith('.tmLanguage.json'));

function readGrammar(path: string): Grammar {
  return JSON.parse(readFileSync(join(REPO, path), 'utf8')) as Grammar;
}

/** Every rule object in a grammar, nested patterns, captures and repository entries included. */
function rulesOf(value: unknown, found: Rule[] = []): Rule[] {
  if (Array.isArray(value)) for (const item of value) rulesOf(item, found);
  else if (value && typeof value === 'object') {
    found.push(value as Rule);
    for (const child of Object.values(value)) rulesOf(child, found);
  }
  return found;
}

before(async () => {
  await loadWASM(readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')));
});

test('the contributes snippet lists every grammar file under its own scope name', () => {
  const contributions = projectContributions();
  assert.deepEqual(contributions.map((entry) => entry.path.replace(/^\.\/syntaxes\//, '')).sort(), [...grammarFiles].sort());
  for (const entry of contributions) {
    assert.ok(existsSync(join(REPO, entry.path)), entry.path);
    assert.equal(readGrammar(entry.path).scopeName, entry.scopeName, entry.path);
  }
});

test('each injection selector aims at the scopes the snippet injects into, with left priority', () => {
  for (const entry of projectContributions()) {
    const selector = readGrammar(entry.path).injectionSelector ?? '';
    const groups = selector.split(',').map((group) => group.trim());
    assert.ok(entry.injectTo.length > 0, entry.path);
    for (const group of groups) {
      assert.match(group, /^L:/, `${entry.path}: ${group}`);
      const root = group.slice(2).trim().split(/\s+/)[0];
      assert.ok(entry.injectTo.some((target) => target === root || target.startsWith(`${root}.`)), `${entry.path}: ${root}`);
    }
    for (const target of entry.injectTo) {
      assert.ok(groups.some((group) => target.startsWith(group.slice(2).trim().split(/\s+/)[0])), `${entry.path} never applies in ${target}`);
    }
  }
});

test('grammar files start with a comment saying what they are for', () => {
  for (const entry of projectContributions()) {
    const grammar = readGrammar(entry.path);
    assert.equal(Object.keys(grammar)[0], 'comment', entry.path);
    assert.ok(typeof grammar.comment === 'string' && grammar.comment.length > 20, entry.path);
  }
});

test('every #include names a repository entry of the same grammar', () => {
  for (const entry of projectContributions()) {
    const grammar = readGrammar(entry.path);
    for (const rule of rulesOf(grammar)) {
      const include = rule.include;
      if (typeof include === 'string' && include.startsWith('#')) {
        assert.ok(grammar.repository?.[include.slice(1)], `${entry.path}: ${include}`);
      }
    }
  }
});

test('every regex compiles in Oniguruma', () => {
  for (const entry of projectContributions()) {
    for (const rule of rulesOf(readGrammar(entry.path))) {
      for (const key of ['match', 'begin', 'end', 'while']) {
        const source = rule[key];
        if (typeof source !== 'string') continue;
        // End and while patterns may refer to begin captures (\1), which vscode-textmate fills in before compiling.
        const pattern = key === 'end' || key === 'while' ? source.replace(/\\(\d)/g, 'x') : source;
        assert.doesNotThrow(() => createOnigScanner([pattern]).dispose(), `${entry.path} ${key}: ${source}`);
      }
    }
  }
});

test('the copies of the ${} placeholder rules are identical', () => {
  const copies = projectContributions().map((entry) => readGrammar(entry.path).repository?.substitution).filter(Boolean);
  assert.ok(copies.length >= 2);
  for (const copy of copies) assert.deepEqual(copy, copies[0]);
});

test('package.json, once it registers these grammars, registers them as the snippet says', () => {
  const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { contributes?: { grammars?: Rule[] } };
  const registered = manifest.contributes?.grammars ?? [];
  for (const entry of projectContributions()) {
    const found = registered.find((grammar) => grammar.scopeName === entry.scopeName);
    if (found) assert.deepEqual(found, { ...entry }, entry.scopeName);
  }
});
