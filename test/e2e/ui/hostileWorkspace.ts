// UI steps in a temporary git workspace whose folder and route carry markup: the graph shows it as text, and Impact of Current Changes.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { poll, type DriverEnvironment } from '../shared/browser';
import { commandLabel, openGraph, searchGraph, selectFirstMatch } from './atlasSteps';
import type { Workbench } from './workbench';

/** Markup that would set `window.__xss` if any part of the page interpreted it as HTML. */
export const folderMarkup = '<img src=x onerror=window.__xss=1>';
export const pathMarkup = '/<img src=x onerror=window.__xss=2>';
/** The handler's folder: the graph's details show it in the node's location. */
export const codeFolderMarkup = '<svg onload=window.__xss=3>';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Transform: AWS::Serverless-2016-10-31
Description: A workspace whose names carry markup, for the end-to-end tests.
Resources:
  HostileFunction:
    Type: AWS::Serverless::Function
    Properties:
      Runtime: nodejs20.x
      CodeUri: "src/${codeFolderMarkup}/"
      Handler: app.handler
      Events:
        Hostile:
          Type: Api
          Properties:
            Path: "${pathMarkup}"
            Method: get
`;

const handler = `export const handler = async () => ({ statusCode: 200, body: 'ok' });
`;

/** A temporary workspace (under the run folder's TMPDIR, removed with it): a git repository with one commit and one uncommitted change. */
export interface HostileWorkspace {
  folder: string;
  /** The changed handler, relative to the workspace. */
  changedFile: string;
}

/** Creates the workspace on disk. */
export function createHostileWorkspace(): HostileWorkspace {
  const folder = mkdtempSync(join(tmpdir(), 'sam-atlas-hostile-'));
  const service = join(folder, folderMarkup);
  const code = join(service, 'src', codeFolderMarkup);
  mkdirSync(code, { recursive: true });
  writeFileSync(join(service, 'template.yaml'), template);
  writeFileSync(join(code, 'app.ts'), handler);
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=SAM Atlas e2e', '-c', 'user.email=e2e@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'core.hooksPath=/dev/null', ...args], { cwd: folder, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  appendFileSync(join(code, 'app.ts'), '// changed after the commit\n');
  return { folder, changedFile: `${folderMarkup}/src/${codeFolderMarkup}/app.ts` };
}

/** Opens the workbench on another folder, with the same extension under development. */
export async function openWorkspace(workbench: Workbench, environment: DriverEnvironment, folder: string): Promise<void> {
  const url = new URL(environment.url);
  url.searchParams.set('folder', folder);
  await workbench.page.goto(url.toString(), { waitUntil: 'domcontentloaded' });
  await workbench.waitForWorkbench(folderMarkup);
  const status = workbench.page.locator('.part.statusbar', { hasText: 'SAM Atlas: 1 function' });
  await poll('SAM Atlas to index the workspace', async () => ((await status.count()) ? true : undefined), 120_000);
}

/** Why markup may have run on a page: an element that should not exist, an event-handler attribute, or the flag it sets. */
async function markupTrace(frame: { evaluate<R>(fn: () => R): Promise<R> }): Promise<string | undefined> {
  return frame.evaluate(() => {
    const flag = (window as unknown as { __xss?: unknown }).__xss;
    if (flag !== undefined) return `window.__xss = ${String(flag)}`;
    if (document.querySelector('img[src="x"], svg[onload]')) return 'an <img src=x> or <svg onload> element exists';
    const handler = [...document.querySelectorAll('*')].find((node) => [...node.attributes].some((attribute) => /^on/i.test(attribute.name) && /__xss/.test(attribute.value)));
    return handler ? `a <${handler.tagName.toLowerCase()}> element has an event-handler attribute from the data` : undefined;
  });
}

/** The folder names reach the graph's services list and details panel as text, and run nothing. */
export async function graphShowsMarkupAsText(workbench: Workbench): Promise<string[]> {
  const page = await openGraph(workbench);
  const services = await page.locator('.service-list').innerText();
  if (!services.includes(folderMarkup)) throw new Error(`the services list does not show "${folderMarkup}" as text:\n${services}`);
  if ((await searchGraph(page, 'HostileFunction')) !== '1 found') throw new Error('the graph search does not find HostileFunction');
  const details = await selectFirstMatch(page, 'HostileFunction');
  for (const markup of [folderMarkup, `${codeFolderMarkup}/app.ts`]) {
    if (!details.includes(markup)) throw new Error(`the details panel does not show "${markup}" as text:\n${details}`);
  }
  const inPage = await markupTrace(page.locator('body'));
  if (inPage) throw new Error(`markup ran in the graph page: ${inPage}`);
  const inWorkbench = await markupTrace(workbench.page);
  if (inWorkbench) throw new Error(`markup ran in the workbench: ${inWorkbench}`);
  return [await workbench.screenshot('15-graph-markup-as-text')];
}

/** Impact of Current Changes lists the changed handler, its function and its route in the Impact view. */
export async function impactOfChanges(workbench: Workbench, workspace: HostileWorkspace): Promise<string[]> {
  await workbench.runCommand(commandLabel('samAtlas.impactOfChanges'));
  const rows = await workbench.viewRows('Impact');
  await workbench.findTreeRow(rows, workspace.changedFile, 30_000);
  await workbench.findTreeRow(rows, 'HostileFunction', 30_000);
  await workbench.findTreeRow(rows, `GET ${pathMarkup}`, 30_000);
  const inWorkbench = await markupTrace(workbench.page);
  if (inWorkbench) throw new Error(`markup ran in the workbench: ${inWorkbench}`);
  return [await workbench.screenshot('16-impact-of-changes')];
}
