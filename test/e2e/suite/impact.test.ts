// Extension-host tests: the impact CodeLens, the samAtlas.showImpact command and the Impact view, against FLOWS.md and git.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { ImpactEntry } from '../../../client/src/impact/impactModel';
import { calleesOf, callersOf, endpointsReaching, logicalIdOf, reach } from '../shared/flows';
import { answerKey, getApi, gitStatus, poll, resourceOf, serverId, waitUntilReady } from './helpers';

const lensTitle = /(\d+) callers? · (\d+) downstream · (\d+) endpoints?/;
const getBasket = 'basket/template.yaml#GetBasketFunction';

/** A root section of the Impact view by label. */
function sectionOf(roots: ImpactEntry[], label: string): ImpactEntry {
  const section = roots.find((entry) => entry.label === label);
  assert.ok(section, `the Impact view has a "${label}" section (roots: ${roots.map((entry) => entry.label).join(', ')})`);
  return section;
}

/** Every entry of a subtree, depth first. */
function flatten(entries: ImpactEntry[]): ImpactEntry[] {
  return entries.flatMap((entry) => [entry, ...flatten(entry.children)]);
}

/** Runs samAtlas.showImpact for a node and returns the view's answer once it is about that node. */
async function showImpact(relativeId: string): Promise<ImpactEntry[]> {
  const api = await getApi();
  await vscode.commands.executeCommand('samAtlas.showImpact', serverId(relativeId));
  const current = api.views.impact.current;
  assert.ok(current, 'the Impact view has an answer');
  assert.equal(current.error, undefined, `no error: ${current.error}`);
  assert.equal(current.focusId, serverId(relativeId));
  assert.equal(current.title, logicalIdOf(relativeId));
  return current.roots;
}

describe('impact', function () {
  this.timeout(240_000);
  before(async () => {
    await waitUntilReady();
  });

  it('resolves a CodeLens with impact counts over GetBasketFunction in its template', async () => {
    const key = await answerKey();
    const { document, resource } = await resourceOf('basket/template.yaml', 'GetBasketFunction');
    const line = document.positionAt(resource.logicalId.start).line;
    const lens = await poll('a resolved lens over GetBasketFunction', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri, 100);
      return lenses?.find((candidate) => candidate.range.start.line === line && lensTitle.test(candidate.command?.title ?? ''));
    });
    const command = lens.command!;
    const [, callers, downstream, endpoints] = lensTitle.exec(command.title)!.map(Number);
    assert.equal(callers, reach(key, getBasket, 'upstream').size, `callers in "${command.title}"`);
    assert.equal(endpoints, endpointsReaching(key, getBasket).length, `endpoints in "${command.title}"`);
    assert.ok(downstream >= reach(key, getBasket, 'downstream').size, `"${command.title}" counts at least the functions GetBasketFunction reaches`);
    assert.equal(command.command, 'samAtlas.showImpact');
    assert.deepEqual(command.arguments, [serverId(getBasket)]);
  });

  it('runs the lens command: the Impact view shows the callees, the endpoint, and opens a row', async () => {
    const key = await answerKey();
    const api = await getApi();
    const roots = await showImpact(getBasket);
    await poll('the Impact view to be visible', async () => (api.impactView.visible ? true : undefined), 10_000);
    const downstream = sectionOf(roots, 'Downstream').children;
    const callees = calleesOf(key, getBasket).map(logicalIdOf);
    for (const callee of callees) assert.ok(downstream.some((entry) => entry.label === callee), `Downstream lists ${callee}: ${downstream.map((entry) => entry.label).join(', ')}`);
    const upstream = sectionOf(roots, 'Upstream').children.map((entry) => entry.label);
    for (const endpoint of key.endpoints.filter((candidate) => candidate.functionId === getBasket)) {
      assert.ok(upstream.includes(`${endpoint.method} ${endpoint.path}`), `Upstream lists ${endpoint.method} ${endpoint.path}: ${upstream.join(', ')}`);
    }
    const row = downstream.find((entry) => entry.label === callees[0] && entry.location);
    assert.ok(row?.location, `the ${callees[0]} row has a location`);
    const command = api.views.impact.getTreeItem(row).command;
    assert.ok(command, 'the row opens something');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const target = vscode.Uri.parse(row.location.uri);
    await poll(`the editor to show ${target.fsPath}`, async () => (vscode.window.activeTextEditor?.document.uri.fsPath === target.fsPath ? true : undefined), 10_000);
    assert.equal(vscode.window.activeTextEditor!.selection.start.line, row.location.range.start.line);
  });

  it('shows every caller of AuthFunction up to the endpoints that reach it', async () => {
    const key = await answerKey();
    const id = 'auth/template.yaml#AuthFunction';
    const upstream = sectionOf(await showImpact(id), 'Upstream').children;
    const functions = upstream.filter((entry) => entry.nodeId).map((entry) => entry.label).sort();
    assert.deepEqual(functions, callersOf(key, id).map(logicalIdOf).sort());
    const endpoints = new Set(flatten(upstream).filter((entry) => entry.icon === 'globe').map((entry) => entry.label));
    assert.deepEqual([...endpoints].sort(), endpointsReaching(key, id).map((endpoint) => `${endpoint.method} ${endpoint.path}`).sort());
  });

  it('shows the impact of the uncommitted changes as git sees them', async function () {
    const status = await gitStatus();
    if (status === undefined) this.skip();
    const api = await getApi();
    await vscode.commands.executeCommand('samAtlas.impactOfChanges');
    const current = api.views.impact.current;
    assert.ok(current, 'the Impact view has an answer');
    assert.equal(current.error, undefined, `no error: ${current.error}`);
    assert.equal(current.focusId, undefined);
    const changed = status!.split('\n').filter(Boolean).map((line) => line.slice(3).split(' -> ').pop()!.replace(/^"|"$/g, ''));
    if (changed.length === 0) {
      assert.deepEqual(current.roots.map((entry) => entry.label), ['No changes since HEAD.']);
      return;
    }
    const files = sectionOf(current.roots, 'Changed files').children.map((entry) => entry.label);
    for (const file of changed) assert.ok(files.includes(file), `Changed files lists ${file}: ${files.join(', ')}`);
  });

  it('shows why there is nothing to show when git does not know the ref', async function () {
    if ((await gitStatus()) === undefined) this.skip();
    const api = await getApi();
    const ref = 'sam-atlas-e2e-no-such-ref';
    await vscode.commands.executeCommand('samAtlas.impactOfChangesSince', ref);
    const current = api.views.impact.current;
    assert.ok(current?.error, `an error for the unknown ref (got ${JSON.stringify(current?.roots.map((entry) => entry.label))})`);
    assert.deepEqual(current.roots.map((entry) => entry.label), [current.error]);
    assert.equal(current.roots[0].icon, 'error');
    assert.ok(current.error.includes(ref), `the error names the ref: ${current.error}`);
  });
});
