// The environment variable rules on inline workspaces: undefined-env-var on the read in code, unused-env-var on the template key.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { diagnose } from '../../../server/src/core/index';
import { showSpan, type Fixture } from '../../support/fixture';
import { fn, sam, workspace } from '../impact/workspace';

function found(fixture: Fixture, code: string): string[] {
  return diagnose(fixture.analysis)
    .filter((d) => d.code === code)
    .map((d) => `${showSpan(fixture, d.span)} ${d.severity}: ${d.message}`);
}

const SHARED_LIB = `export function tableName(): string {
  return String(process.env.ORDERS_TABLE);
}
export const region = process.env.AWS_REGION;`;

function sharedLib(globals: string, ordersEnv: Record<string, string> | undefined, reportsEnv: Record<string, string> | undefined, lib = SHARED_LIB): Fixture {
  return workspace({
    '/template.yaml': sam([fn('Orders', { env: ordersEnv }), fn('Reports', { env: reportsEnv })], globals),
    '/src/orders.ts': "import { tableName } from './lib/config';\nexport const handler = async () => tableName();",
    '/src/reports.ts': "import { tableName } from './lib/config';\nexport const handler = async () => tableName() + process.env.REPORT_BUCKET;",
    '/src/lib/config.ts': lib,
  });
}

test('undefined-env-var: a shared module read by two functions, one of which lacks the variable, names that one', () => {
  const fixture = sharedLib('', { ORDERS_TABLE: '!Ref Orders' }, { REPORT_BUCKET: 'reports' });
  assert.deepEqual(found(fixture, 'undefined-env-var'), [
    "/src/lib/config.ts:2:29 'ORDERS_TABLE' warning: ORDERS_TABLE is not defined for Reports (1 of the 2 functions using this file): add it to Environment.Variables of that function or to Globals.Function.Environment.Variables.",
  ]);
});

test('undefined-env-var: a handler reading a variable its one function does not define', () => {
  const fixture = sharedLib('', { ORDERS_TABLE: 'a' }, { ORDERS_TABLE: 'b' });
  assert.deepEqual(found(fixture, 'undefined-env-var'), [
    "/src/reports.ts:2:62 'REPORT_BUCKET' warning: REPORT_BUCKET is not defined for Reports: add it to Environment.Variables of that function or to Globals.Function.Environment.Variables.",
  ]);
});

test('undefined-env-var: Globals variables count, and variables Lambda sets itself are never reported', () => {
  const globals = 'Parameters:\n  Stage:\n    Type: String';
  const fixture = workspace({
    '/template.yaml': sam([fn('Orders', { env: { REPORT_BUCKET: 'x' } }), fn('Reports', { env: { REPORT_BUCKET: 'y' } })], globals).replace('    CodeUri: src/', '    CodeUri: src/\n    Environment:\n      Variables:\n        ORDERS_TABLE: orders'),
    '/src/orders.ts': "import { tableName } from './lib/config';\nexport const handler = async () => tableName();",
    '/src/reports.ts': "import { tableName } from './lib/config';\nexport const handler = async () => tableName() + process.env.REPORT_BUCKET;",
    '/src/lib/config.ts': SHARED_LIB,
  });
  assert.deepEqual(found(fixture, 'undefined-env-var'), []);
});

test('undefined-env-var: a long list of functions is cut after six names', () => {
  const names = Array.from({ length: 8 }, (_, i) => `Fn${i}`);
  const files: Record<string, string> = { '/src/lib/config.ts': SHARED_LIB };
  for (const name of names) files[`/src/${name.toLowerCase()}.ts`] = "import { tableName } from './lib/config';\nexport const handler = async () => tableName();";
  files['/template.yaml'] = sam(names.map((name) => fn(name)));
  const [message] = found(workspace(files), 'undefined-env-var');
  assert.match(message, /ORDERS_TABLE is not defined for Fn0, Fn1, Fn2, Fn3, Fn4, Fn5 and 2 more \(8 of the 8 functions using this file\)/);
});

test('undefined-env-var: a read with a fallback in the code is optional', () => {
  assert.equal(found(sharedLib('', { ORDERS_TABLE: 'a' }, { REPORT_BUCKET: 'b' }), 'undefined-env-var').length, 1);
  const withFallbacks = [
    "export const tableName = () => process.env.ORDERS_TABLE ?? 'orders';",
    "export const tableName = () => (process.env['ORDERS_TABLE']!) || 'orders';",
    "const { ORDERS_TABLE = 'orders' } = process.env;\nexport const tableName = () => ORDERS_TABLE;",
  ];
  for (const lib of withFallbacks) assert.deepEqual(found(sharedLib('', { ORDERS_TABLE: 'a' }, { REPORT_BUCKET: 'b' }, lib), 'undefined-env-var'), [], lib);
  // A fallback on the right, or an operator other than `??`/`||`, is no fallback for the read.
  const noFallback = "export const tableName = () => 'x' + (process.env.ORDERS_TABLE && 'y');";
  assert.equal(found(sharedLib('', { ORDERS_TABLE: 'a' }, { REPORT_BUCKET: 'b' }, noFallback), 'undefined-env-var').length, 1);
});

test('undefined-env-var: a function whose Environment is built with !If is not judged', () => {
  const fixture = workspace({
    '/template.yaml': sam([fn('Orders', { extra: 'Environment: !If [IsProd, {Variables: {ORDERS_TABLE: a}}, !Ref AWS::NoValue]' })], 'Conditions:\n  IsProd: !Equals [a, a]'),
    '/src/orders.ts': 'export const handler = async () => process.env.ORDERS_TABLE;',
  });
  assert.deepEqual(found(fixture, 'undefined-env-var'), []);
});

test('unused-env-var: a variable the function code never reads, on its key', () => {
  const fixture = workspace({
    '/template.yaml': sam([fn('Orders', { env: { ORDERS_TABLE: 'orders', STAGE: 'dev', POWERTOOLS_SERVICE_NAME: 'orders' } })]),
    '/src/orders.ts': "import { name } from './lib/name';\nexport const handler = async () => name();",
    '/src/lib/name.ts': 'export const name = () => process.env.ORDERS_TABLE;',
  });
  assert.deepEqual(found(fixture, 'unused-env-var'), [
    "/template.yaml:15:11 'STAGE' info: STAGE is set but the code of Orders never reads it: remove it, or keep it if a library or layer reads it.",
  ]);
});

test('unused-env-var: a Globals variable is judged once, over every function inheriting it', () => {
  const withGlobal = (readers: string) =>
    workspace({
      '/template.yaml': sam([fn('Orders'), fn('Reports')]).replace('    CodeUri: src/', '    CodeUri: src/\n    Environment:\n      Variables:\n        SHARED: x'),
      '/src/orders.ts': readers.includes('orders') ? 'export const handler = async () => process.env.SHARED;' : 'export const handler = async () => 1;',
      '/src/reports.ts': readers.includes('reports') ? 'export const handler = async () => process.env.SHARED;' : 'export const handler = async () => 1;',
    });
  assert.deepEqual(found(withGlobal('reports'), 'unused-env-var'), []);
  assert.deepEqual(found(withGlobal(''), 'unused-env-var'), [
    "/template.yaml:9:9 'SHARED' info: SHARED is set but the code of any of Orders, Reports never reads it: remove it, or keep it if a library or layer reads it.",
  ]);
});

test('unused-env-var: nothing is said about a function whose code cannot be read', () => {
  const fixture = workspace({
    '/template.yaml': sam([fn('Orders', { env: { STAGE: 'dev' } }), fn('Inline', { env: { STAGE: 'dev' }, extra: 'InlineCode: "exports.handler = async () => 1"' })]),
  });
  assert.deepEqual(found(fixture, 'unused-env-var'), []);
});
