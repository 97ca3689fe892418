// UI suite: what a person sees in VS Code on examples/shop — navigation, hovers, views, the graph, IAM, impact — then a hostile workspace.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { driverEnvironment, launchBrowser, logLine, poll, record, withDeadline, type DriverEnvironment } from '../shared/browser';
import { findRoute, handlerFileCandidates, lineColumnAt, readResources, splitHandler, type ResourceFacts, type TextSpan } from '../shared/templates';
import { codeLensOpensImpact, graphListsFunctions, graphOpensHandler, hoverShowsIam, typingShowsProblem } from './atlasSteps';
import { createHostileWorkspace, graphShowsMarkupAsText, impactOfChanges, openWorkspace, type HostileWorkspace } from './hostileWorkspace';
import { Workbench } from './workbench';

const templatePath = 'basket/template.yaml';
const route = { method: 'GET', path: '/basket/{id}' };
const projectRoot = join(__dirname, '..', '..', '..');

/** Facts about the scenario, read from the files on disk. */
interface Scenario {
  templateText: string;
  resource: ResourceFacts & { handler: TextSpan };
  other?: ResourceFacts;
  handlerFile: string;
  exportName: string;
  containerTitle: string;
  endpointsViewName: string;
}

function readScenario(workspace: string): Scenario {
  const templateText = readFileSync(join(workspace, templatePath), 'utf8');
  const resources = readResources(templateText);
  const found = findRoute(resources, route.method, route.path);
  if (!found?.resource.handler) throw new Error(`${templatePath} has no function with a Handler serving ${route.method} ${route.path}`);
  const resource = found.resource as Scenario['resource'];
  const candidates = handlerFileCandidates('basket', resource);
  const handlerFile = candidates.find((candidate) => existsSync(join(workspace, candidate)));
  if (!handlerFile) throw new Error(`no handler file among ${candidates.join(', ')}`);
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const containers: { id: string; title: string }[] = manifest.contributes?.viewsContainers?.activitybar ?? [];
  const views: { id: string; name: string }[] = manifest.contributes?.views?.samAtlas ?? [];
  return {
    templateText,
    resource,
    other: resources.find((candidate) => candidate.type && candidate.type !== resource.type),
    handlerFile,
    exportName: splitHandler(resource.handler.text).exportName,
    containerTitle: containers.find((container) => container.id === 'samAtlas')?.title ?? 'SAM Atlas',
    endpointsViewName: views.find((view) => view.id === 'samAtlas.endpoints')?.name ?? 'Endpoints',
  };
}

/** The one-based line and column of the middle of a span. */
function middle(text: string, span: TextSpan): { line: number; column: number } {
  const { line, column } = lineColumnAt(text, span.start + Math.floor((span.end - span.start) / 2));
  return { line: line + 1, column: column + 1 };
}

async function showTemplate(workbench: Workbench): Promise<void> {
  if (!(await workbench.isActiveFile(templatePath).catch(() => false))) await workbench.quickOpen(templatePath);
}

async function goToHandler(workbench: Workbench, scenario: Scenario, environment: DriverEnvironment): Promise<string[]> {
  const target = middle(scenario.templateText, scenario.resource.handler);
  await poll('Ctrl+click on the Handler value to open the handler', async () => {
    await showTemplate(workbench);
    await workbench.goTo(target.line, target.column);
    await workbench.controlClickAtCaret();
    try {
      await workbench.waitForActiveFile(scenario.handlerFile, 5_000);
      return true;
    } catch {
      throw new Error(`after Ctrl+click the active tab is "${await workbench.activeTabLabel()}"`);
    }
  }, 120_000);
  // The status bar follows the new editor a moment after its tab appears: poll until it names a line holding the export.
  const lines = readFileSync(join(environment.workspace, scenario.handlerFile), 'utf8').split('\n');
  await poll(`the cursor to be on the export ${scenario.exportName}`, async () => {
    // Until the status bar shows the handler's editor, it still names the template's language and cursor.
    if ((await workbench.languageMode()) === 'YAML') throw new Error('the status bar still shows the template');
    const cursor = await workbench.cursor();
    const cursorLine = cursor ? (lines[cursor.line - 1] ?? '') : '';
    if (!cursor || !cursorLine.includes(scenario.exportName)) throw new Error(`the cursor is on line ${cursor?.line} ("${cursorLine.trim()}")`);
    return true;
  }, 10_000, 100);
  return [await workbench.screenshot('03-ctrl-click-handler')];
}

async function hoverLogicalIds(workbench: Workbench, scenario: Scenario): Promise<string[]> {
  const shots: string[] = [];
  const subjects = scenario.other ? [scenario.resource, scenario.other] : [scenario.resource];
  for (const [index, subject] of subjects.entries()) {
    const target = middle(scenario.templateText, subject.logicalId);
    await poll(`a hover on ${subject.logicalId.text} mentioning ${subject.type}`, async () => {
      await showTemplate(workbench);
      await workbench.moveMouseAway();
      await workbench.goTo(target.line, target.column);
      const point = await workbench.caretPoint();
      await workbench.page.mouse.move(point.x, point.y, { steps: 3 });
      const text = await poll('the hover box', () => workbench.hoverText(), 4_000, 100);
      if (!text.includes(subject.type)) throw new Error(`the hover says "${text.slice(0, 200)}"`);
      return true;
    }, 90_000);
    shots.push(await workbench.screenshot(`04-hover-${index + 1}-${subject.logicalId.text}`));
  }
  return shots;
}

async function openEndpointFromView(workbench: Workbench, scenario: Scenario): Promise<string[]> {
  await showTemplate(workbench);
  await workbench.openActivityBarContainer(scenario.containerTitle);
  const rows = await workbench.viewRows(scenario.endpointsViewName);
  const row = (await workbench.findTreeRow(rows, route.path)).filter({ hasText: route.method });
  const shots = [await workbench.screenshot('05-endpoints-view')];
  await row.click();
  await workbench.waitForActiveFile(scenario.handlerFile, 15_000);
  shots.push(await workbench.screenshot('06-endpoint-opens-handler'));
  return shots;
}

/** A step; when a `required` step fails, the steps after it are reported as not run. */
type Step = { title: string; run: () => Promise<string[]>; required?: boolean };

async function runSteps(page: Page, environment: DriverEnvironment, steps: Step[]): Promise<number> {
  let failures = 0;
  let blocked: string | undefined;
  for (const [index, step] of steps.entries()) {
    const started = Date.now();
    if (blocked) {
      failures++;
      record(environment.results, { title: step.title, state: 'failed', durationMs: 0, error: `not run: ${blocked}` });
      continue;
    }
    try {
      const artifacts = await step.run();
      record(environment.results, { title: step.title, state: 'passed', durationMs: Date.now() - started, artifacts });
    } catch (error) {
      failures++;
      const shot = join(environment.artifacts, `failure-${index + 1}.png`);
      await page.screenshot({ path: shot }).catch(() => {});
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      record(environment.results, { title: step.title, state: 'failed', durationMs: Date.now() - started, error: message, artifacts: [shot] });
      if (index < 2 || step.required) blocked = `"${step.title}" failed`;
    }
  }
  return failures;
}

async function main(environment: DriverEnvironment): Promise<number> {
  mkdirSync(environment.artifacts, { recursive: true });
  const browser = await launchBrowser(environment.chromium);
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('console', (message) => logLine(environment.log, `[console.${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => logLine(environment.log, `[pageerror] ${error.stack ?? error.message}`));
    const workbench = new Workbench(page, environment.artifacts);
    let scenario: Scenario | undefined;
    const needScenario = (): Scenario => scenario ?? (scenario = readScenario(environment.workspace));
    let hostile: HostileWorkspace | undefined;
    const steps: Step[] = [
      {
        title: 'ui: opens the workbench on examples/shop',
        run: async () => {
          await page.goto(environment.url, { waitUntil: 'domcontentloaded' });
          await workbench.waitForWorkbench('basket');
          return [await workbench.screenshot('01-workbench')];
        },
      },
      {
        title: `ui: opens ${templatePath} with Quick Open`,
        run: async () => {
          await workbench.quickOpen(templatePath);
          return [await workbench.screenshot('02-quick-open-template')];
        },
      },
      { title: 'ui: Ctrl+click on the Handler value opens the handler at its export', run: () => goToHandler(workbench, needScenario(), environment) },
      { title: 'ui: hovering a resource logical ID shows its type', run: () => hoverLogicalIds(workbench, needScenario()) },
      { title: 'ui: clicking a route in the Endpoints view opens its handler', run: () => openEndpointFromView(workbench, needScenario()) },
      { title: 'ui: the dependency graph opens from the command palette and finds every function and service', run: () => graphListsFunctions(workbench, environment) },
      { title: 'ui: searching GetBasketFunction in the graph shows its details; clicking the node opens its handler', run: () => graphOpensHandler(workbench, needScenario().handlerFile) },
      { title: 'ui: hovering CancelOrderFunction shows its permissions with a ✗ for dynamodb:PutItem', run: () => hoverShowsIam(workbench, environment) },
      { title: 'ui: a CodeLens above GetBasketFunction shows its impact; clicking it fills the Impact view', run: () => codeLensOpensImpact(workbench, environment) },
      { title: 'ui: typing a bad !Ref shows a squiggle and a Problems entry; reverting clears them', run: () => typingShowsProblem(workbench, environment) },
      {
        title: 'ui: opens a temporary git workspace whose folder and route carry markup',
        required: true,
        run: async () => {
          hostile = createHostileWorkspace();
          await openWorkspace(workbench, environment, hostile.folder);
          return [await workbench.screenshot('14-hostile-workspace')];
        },
      },
      { title: 'ui: the graph shows markup in names as text and runs none of it', run: () => graphShowsMarkupAsText(workbench) },
      { title: 'ui: Impact of Current Changes lists the changed file, its function and its route', run: () => impactOfChanges(workbench, hostile!) },
    ];
    return await runSteps(page, environment, steps);
  } finally {
    await browser.close();
  }
}

const environment = driverEnvironment();
withDeadline(main(environment), environment.timeoutMs, 'the UI suite').then(
  (failures) => process.exit(failures ? 1 : 0),
  (error: unknown) => {
    console.error(`[ui suite] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
