// Extension-host tests: the samAtlas.* rule settings are declared for every rule and reach the server when they change.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { RULES } from '../../../server/src/core/diagnostics/registry';
import { answerKey, diagnosticsWhen, extensionId, resourceOf, waitUntilReady, workspaceUri } from './helpers';

interface PropertySchema {
  type?: string;
  default?: unknown;
  enum?: string[];
  properties?: Record<string, PropertySchema>;
}

function declaredSettings(): Record<string, PropertySchema> {
  const manifest = vscode.extensions.getExtension(extensionId)?.packageJSON as { contributes?: { configuration?: { properties?: Record<string, PropertySchema> } } };
  return manifest.contributes?.configuration?.properties ?? {};
}

/** Changes a user setting (never the workspace's: examples/shop must stay untouched). */
function setUserSetting(key: string, value: unknown): Thenable<void> {
  return vscode.workspace.getConfiguration('samAtlas').update(key, value, vscode.ConfigurationTarget.Global);
}

describe('settings', function () {
  this.timeout(240_000);
  before(async () => {
    await waitUntilReady();
  });
  after(async () => {
    for (const key of ['diagnostics', 'maxFanIn', 'maxCallDepth']) await setUserSetting(key, undefined);
  });

  it('declares samAtlas.maxCallDepth, samAtlas.maxFanIn and one samAtlas.diagnostics entry per rule', () => {
    const settings = declaredSettings();
    assert.equal(settings['samAtlas.maxCallDepth']?.default, 4);
    assert.equal(settings['samAtlas.maxFanIn']?.default, 5);
    const diagnostics = settings['samAtlas.diagnostics'];
    assert.equal(diagnostics?.type, 'object');
    assert.deepEqual(diagnostics.default, {}, 'no override by default, so rules that grade their findings keep doing so');
    const declared = diagnostics.properties ?? {};
    assert.deepEqual(Object.keys(declared).sort(), RULES.map((rule) => rule.code).sort());
    for (const rule of RULES) {
      assert.equal(declared[rule.code].default, rule.severity, `default severity of ${rule.code}`);
      assert.deepEqual([...(declared[rule.code].enum ?? [])].sort(), ['error', 'hint', 'info', 'off', 'warning']);
    }
    assert.deepEqual(vscode.workspace.getConfiguration('samAtlas').get('diagnostics'), {});
  });

  it('applies a severity override and off from samAtlas.diagnostics at once', async () => {
    const basket = workspaceUri('basket/template.yaml');
    await diagnosticsWhen(basket, 'wildcard-permission', 'wildcard-permission as a warning', (found) => found.some((d) => d.severity === vscode.DiagnosticSeverity.Warning));
    await setUserSetting('diagnostics', { 'wildcard-permission': 'error' });
    await diagnosticsWhen(basket, 'wildcard-permission', 'wildcard-permission as an error', (found) => found.length > 0 && found.every((d) => d.severity === vscode.DiagnosticSeverity.Error));
    await setUserSetting('diagnostics', { 'wildcard-permission': 'off' });
    await diagnosticsWhen(basket, 'wildcard-permission', 'wildcard-permission to be off', (found) => found.length === 0);
    await setUserSetting('diagnostics', undefined);
    await diagnosticsWhen(basket, 'wildcard-permission', 'wildcard-permission back as a warning', (found) => found.some((d) => d.severity === vscode.DiagnosticSeverity.Warning));
  });

  it('applies samAtlas.maxFanIn at once', async () => {
    const id = 'auth/template.yaml#AuthFunction';
    const key = await answerKey();
    const callers = new Set(key.flows.filter((flow) => flow.to === id && flow.sync).map((flow) => flow.from)).size;
    assert.ok(callers > 1, `the answer key gives AuthFunction synchronous callers (${callers})`);
    const { document, resource } = await resourceOf('auth/template.yaml', 'AuthFunction');
    const line = document.positionAt(resource.logicalId.start).line;
    const onAuth = (found: vscode.Diagnostic[]) => found.some((d) => d.range.start.line === line);
    await setUserSetting('maxFanIn', callers);
    await diagnosticsWhen(document.uri, 'fan-in', `no fan-in with ${callers} callers and maxFanIn ${callers}`, (found) => !onAuth(found));
    await setUserSetting('maxFanIn', callers - 1);
    const [found] = await diagnosticsWhen(document.uri, 'fan-in', `fan-in with maxFanIn ${callers - 1}`, onAuth);
    assert.ok(found.message.includes(String(callers)), found.message);
    await setUserSetting('maxFanIn', callers);
    await diagnosticsWhen(document.uri, 'fan-in', `fan-in to go away with maxFanIn ${callers}`, (list) => !onAuth(list));
    await setUserSetting('maxFanIn', undefined);
  });
});
