// UI steps for the call graph, IAM and impact features on examples/shop: the graph webview, IAM hovers, CodeLens, live diagnostics.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { poll, type DriverEnvironment } from '../shared/browser';
import { lineColumnAt, readResources, type ResourceFacts, type TextSpan } from '../shared/templates';
import { escapeRegExp, type Workbench } from './workbench';

/** The palette label of the graph command, from package.json. */
export function commandLabel(command: string): string {
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
  const entry = (manifest.contributes?.commands ?? []).find((candidate: { command: string }) => candidate.command === command);
  if (!entry) throw new Error(`package.json contributes no command ${command}`);
  return entry.category ? `${entry.category}: ${entry.title}` : entry.title;
}

/** Every template of the workspace (workspace-relative), skipping dependency and build folders. */
function templatesOf(workspace: string, folder = ''): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(workspace, folder)).sort()) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const relative = folder ? `${folder}/${name}` : name;
    if (statSync(join(workspace, relative)).isDirectory()) out.push(...templatesOf(workspace, relative));
    else if (/^template\.ya?ml$/.test(name)) out.push(relative);
  }
  return out;
}

/** A resource of a template with the template's text. */
function resourceIn(workspace: string, template: string, logicalId: string): { text: string; resource: ResourceFacts } {
  const text = readFileSync(join(workspace, template), 'utf8');
  const resource = readResources(text).find((candidate) => candidate.logicalId.text === logicalId);
  if (!resource) throw new Error(`${template} declares no ${logicalId}`);
  return { text, resource };
}

/** The one-based line and column of the middle of a span. */
function middle(text: string, span: TextSpan): { line: number; column: number } {
  const { line, column } = lineColumnAt(text, span.start + Math.floor((span.end - span.start) / 2));
  return { line: line + 1, column: column + 1 };
}

/** Closes every editor, then opens the dependency graph from the command palette and waits until the page has drawn the graph. */
export async function openGraph(workbench: Workbench): Promise<FrameLocator> {
  await workbench.runCommand('View: Close All Editors');
  await workbench.runCommand(commandLabel('samAtlas.showGraph'));
  const page = workbench.webview();
  await page.locator('input.search').waitFor({ state: 'visible', timeout: 60_000 });
  await poll('the graph to be laid out', async () => {
    const status = (await page.locator('#status').textContent({ timeout: 2_000 })) ?? '';
    return /\d+ nodes/.test(status) ? true : undefined;
  }, 60_000);
  return page;
}

/** Types a query into the graph's search box and returns the match count it reports (empty for an empty query). */
export async function searchGraph(page: FrameLocator, query: string): Promise<string> {
  const input = page.locator('input.search');
  await input.fill(query);
  if (!query.trim()) return '';
  return poll(`the graph's search result for "${query}"`, async () => {
    const text = ((await page.locator('.matches').textContent({ timeout: 2_000 })) ?? '').trim();
    return text ? text : undefined;
  }, 10_000, 100);
}

/** Shows the first search match in the details panel (Enter in the search box) and returns the panel's text. */
export async function selectFirstMatch(page: FrameLocator, label: string): Promise<string> {
  await page.locator('input.search').press('Enter');
  const selected = page.locator('.details-body .selected-label');
  await poll(`the details panel to show ${label}`, async () => ((await selected.textContent({ timeout: 2_000 })) === label ? true : undefined), 10_000, 100);
  return (await page.locator('.details-body').innerText()).trim();
}

/** The graph lists every function of the templates (search finds each) and the services as its groups. */
export async function graphListsFunctions(workbench: Workbench, environment: DriverEnvironment): Promise<string[]> {
  const page = await openGraph(workbench);
  const templates = templatesOf(environment.workspace);
  const functions = templates.flatMap((template) => readResources(readFileSync(join(environment.workspace, template), 'utf8')).filter((resource) => resource.type === 'AWS::Serverless::Function').map((resource) => resource.logicalId.text));
  if (functions.length === 0) throw new Error('the example declares no function');
  const services = (await page.locator('.service-list').innerText()).trim();
  const folders = [...new Set(templates.map((template) => template.slice(0, template.lastIndexOf('/'))))];
  const missingServices = folders.filter((folder) => !new RegExp(`^${escapeRegExp(folder)} \\(\\d+\\)$`, 'm').test(services));
  if (missingServices.length) throw new Error(`the services list lacks ${missingServices.join(', ')}:\n${services}`);
  const missing: string[] = [];
  for (const name of functions) {
    const found = await searchGraph(page, name);
    if (!/^\d+ found$/.test(found)) missing.push(`${name} (${found})`);
  }
  if (missing.length) throw new Error(`the graph search does not find ${missing.join(', ')}`);
  const legend = (await page.locator('.legend').innerText()).trim();
  const counted = /Lambda function \((\d+)\)/.exec(legend);
  if (!counted || Number(counted[1]) !== functions.length) throw new Error(`the legend should count ${functions.length} functions: ${legend}`);
  await searchGraph(page, '');
  return [await workbench.screenshot('07-graph')];
}

/** Searching a function in the graph centers it and shows its details; clicking the node opens its handler beside the graph. */
export async function graphOpensHandler(workbench: Workbench, handlerFile: string): Promise<string[]> {
  const page = workbench.webview();
  const found = await searchGraph(page, 'GetBasketFunction');
  if (found !== '1 found') throw new Error(`searching GetBasketFunction says "${found}"`);
  const details = await selectFirstMatch(page, 'GetBasketFunction');
  if (!details.includes('Lambda function') || !details.includes('basket')) throw new Error(`the details panel says:\n${details}`);
  // The location the server gave, as the file's last two path segments and a line.
  const place = `${handlerFile.split('/').slice(-2).join('/')}:`;
  if (!details.includes(place)) throw new Error(`the details panel does not show ${place}N:\n${details}`);
  if (await workbench.isShownInSomeGroup(handlerFile)) throw new Error(`${handlerFile} is already shown before the click`);
  const shots = [await workbench.screenshot('08-graph-details')];
  // Enter centers the match with a short animation: once the canvas is still, the node sits in its middle.
  const canvas = page.locator('#graph');
  await workbench.waitUntilStill(canvas, 'the graph canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('the graph canvas has no box');
  await workbench.page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const selected = (await page.locator('.details-body .selected-label').textContent({ timeout: 5_000 })) ?? '';
  if (selected !== 'GetBasketFunction') throw new Error(`the click selected "${selected}", not GetBasketFunction`);
  await workbench.waitForShownFile(handlerFile, 15_000);
  shots.push(await workbench.screenshot('09-graph-opens-handler'));
  return shots;
}

/** Hovering CancelOrderFunction shows its permissions with a ✗ for the action its policy does not allow. */
export async function hoverShowsIam(workbench: Workbench, environment: DriverEnvironment): Promise<string[]> {
  const template = 'orders/template.yaml';
  const { text, resource } = resourceIn(environment.workspace, template, 'CancelOrderFunction');
  const target = middle(text, resource.logicalId);
  await poll('a hover on CancelOrderFunction with a ✗ for dynamodb:PutItem', async () => {
    if (!(await workbench.isActiveFile(template).catch(() => false))) await workbench.quickOpen(template);
    await workbench.moveMouseAway();
    await workbench.goTo(target.line, target.column);
    const point = await workbench.caretPoint();
    await workbench.page.mouse.move(point.x, point.y, { steps: 3 });
    const hover = await poll('the hover box', () => workbench.hoverText(), 4_000, 100);
    const crossed = hover.split('\n').some((line) => line.includes('✗') && line.includes('dynamodb:PutItem'));
    if (!crossed) throw new Error(`the hover says "${hover.slice(0, 300)}"`);
    return true;
  }, 90_000);
  return [await workbench.screenshot('10-hover-iam')];
}

/** A CodeLens with impact counts sits above GetBasketFunction; clicking it fills the Impact view. */
export async function codeLensOpensImpact(workbench: Workbench, environment: DriverEnvironment): Promise<string[]> {
  const template = 'basket/template.yaml';
  const { text, resource } = resourceIn(environment.workspace, template, 'GetBasketFunction');
  const target = middle(text, resource.logicalId);
  await workbench.quickOpen(template);
  await workbench.goTo(target.line, target.column);
  const lens = workbench.page.locator('.part.editor .editor-group-container.active .codelens-decoration a', { hasText: /\d+ callers? · \d+ downstream · \d+ endpoints?/ }).first();
  await lens.waitFor({ state: 'visible', timeout: 60_000 });
  const shots = [await workbench.screenshot('11-codelens')];
  await lens.click();
  const rows = await workbench.viewRows('Impact');
  await workbench.findTreeRow(rows, 'PricingFunction', 30_000);
  await workbench.findTreeRow(rows, 'GET /basket/{id}', 30_000);
  shots.push(await workbench.screenshot('12-impact-view'));
  return shots;
}

/** Typing an unknown name after `!Ref` underlines it and lists it in the Problems panel; reverting clears both. */
export async function typingShowsProblem(workbench: Workbench, environment: DriverEnvironment): Promise<string[]> {
  const template = 'promos/template.yaml';
  const { text, resource } = resourceIn(environment.workspace, template, 'PromosFunction');
  // The first variable set with `!Ref Name`: the cursor goes to Name.
  const refAt = resource.environment
    .map((key) => ({ key, rest: /^:\s*!Ref (\w+)\s*$/.exec(text.slice(key.end, text.indexOf('\n', key.end))) }))
    .map(({ key, rest }) => (rest ? key.end + rest[0].indexOf('!Ref ') + '!Ref '.length : -1))
    .find((offset) => offset >= 0);
  if (refAt === undefined) throw new Error('no environment variable of PromosFunction is set with !Ref');
  const { line, column } = lineColumnAt(text, refAt);
  await workbench.quickOpen(template);
  await workbench.goTo(line + 1, column + 1);
  await workbench.page.keyboard.press('Shift+End');
  await workbench.page.keyboard.type('NoSuchThing');
  const squiggle = workbench.page.locator('.part.editor .editor-group-container.active .monaco-editor .squiggly-error');
  await poll('an error squiggle', async () => ((await squiggle.count()) > 0 ? true : undefined), 30_000);
  const rows = await workbench.problemRows();
  await workbench.findTreeRow(rows, 'NoSuchThing', 30_000);
  const shots = [await workbench.screenshot('13-bad-ref-problem')];
  await workbench.quickOpen(template);
  await workbench.runCommand('File: Revert File');
  await poll('the problem to go away after revert', async () => ((await rows.filter({ hasText: 'NoSuchThing' }).count()) === 0 ? true : undefined), 30_000);
  await poll('the squiggle to go away after revert', async () => ((await squiggle.count()) === 0 ? true : undefined), 30_000);
  return shots;
}
