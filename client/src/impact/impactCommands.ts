// The Impact view and its commands: the impact of a function (from a CodeLens, a tree item, the cursor or a pick) or of the git changes.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { ImpactRequest, type ImpactParams, type ImpactResult } from '../../../server/src/protocol';
import { graphCommandIds, nodeIdFromArgument } from '../graph/graphCommands';
import type { IndexStatusTracker } from '../indexStatus';
import { openLocation } from '../locations';
import { changesModel, targetModel, type ImpactEntry, type ImpactModel } from './impactModel';
import { ImpactTreeProvider, pathLabel } from './impactTree';
import { nodeAtCursor, pickFunction } from '../functionTarget';

/** The ids of the impact commands and view (contributed in package.json). */
export const impactIds = {
  view: 'samAtlas.impact',
  showImpact: 'samAtlas.showImpact',
  impactOfChanges: 'samAtlas.impactOfChanges',
  impactOfChangesSince: 'samAtlas.impactOfChangesSince',
  refresh: 'samAtlas.impact.refresh',
  showInGraph: 'samAtlas.impact.showInGraph',
  openEvidence: 'samAtlas.impact.openEvidence',
} as const;

/** What the impact view needs from the extension. */
export interface ImpactContext {
  client: LanguageClient;
  tracker: IndexStatusTracker;
}

/** The view, its data and the command registrations. */
export interface ImpactFeature extends vscode.Disposable {
  provider: ImpactTreeProvider;
  view: vscode.TreeView<ImpactEntry>;
}

/** After an index change, a visible Impact view asks again after this pause (edits come in bursts). */
const refreshDelayMs = 1000;
/** How long a command waits for a first index before asking anyway. */
const readyWaitMs = 60_000;

/** Creates the Impact view and registers its commands. */
export function registerImpact(context: ImpactContext): ImpactFeature {
  const provider = new ImpactTreeProvider();
  const view = vscode.window.createTreeView(impactIds.view, { treeDataProvider: provider, showCollapseAll: true });
  const runner = new ImpactRunner(context, provider, view);
  const disposables: vscode.Disposable[] = [
    provider,
    view,
    runner,
    vscode.commands.registerCommand(impactIds.showImpact, async (target?: unknown) => {
      const id = idFromArgument(target) ?? (await nodeAtCursor(context.client)) ?? (await pickFunction(context.client, 'Show Impact', 'Choose a function to see what depends on it and what it depends on'));
      if (id) await runner.run({ id });
    }),
    vscode.commands.registerCommand(impactIds.impactOfChanges, () => runner.run({ base: '' })),
    vscode.commands.registerCommand(impactIds.impactOfChangesSince, async (given?: unknown) => {
      const ref = typeof given === 'string' && given.trim() ? given.trim() : await askForRef(runner.lastRef);
      if (ref !== undefined) await runner.run({ base: ref });
    }),
    vscode.commands.registerCommand(impactIds.refresh, () => runner.refresh()),
    vscode.commands.registerCommand(impactIds.showInGraph, (target?: unknown) => {
      const id = idFromArgument(target) ?? provider.current?.focusId;
      return vscode.commands.executeCommand(graphCommandIds.showGraphForFunction, id);
    }),
    vscode.commands.registerCommand(impactIds.openEvidence, (target?: ImpactEntry) => (target?.evidence ? openLocation(target.evidence) : undefined)),
  ];
  return { provider, view, dispose: () => disposables.forEach((disposable) => disposable.dispose()) };
}

/** Asks the server, shows the answer, and asks again when the index changes while the view is visible. */
class ImpactRunner implements vscode.Disposable {
  private last: ImpactParams | undefined;
  private request = 0;
  /** Questions sent and not answered yet. */
  private inFlight = 0;
  private stale = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly disposables: vscode.Disposable[];
  /** The last ref asked for with "Impact of Changes Since…". */
  lastRef = '';

  constructor(private readonly context: ImpactContext, private readonly provider: ImpactTreeProvider, private readonly view: vscode.TreeView<ImpactEntry>) {
    this.disposables = [
      context.tracker.onDidChange(({ status, pushed }) => {
        if (!pushed || status?.state !== 'ready' || !this.last) return;
        this.stale = true;
        if (view.visible) this.refreshSoon();
      }),
      view.onDidChangeVisibility(({ visible }) => {
        if (visible && this.stale) this.refreshSoon();
      }),
    ];
    void this.setContext(undefined);
  }

  /** Asks a new question, reveals the view and shows the answer (a newer question wins over an older answer). */
  async run(params: ImpactParams): Promise<void> {
    this.last = params;
    if (params.base !== undefined && params.base !== '') this.lastRef = params.base;
    await vscode.commands.executeCommand(`${impactIds.view}.focus`);
    await this.ask(params, true);
  }

  /**
   * Asks the last question again. Not while a question is on its way: a refresh would supersede it, and whoever asked
   * would see the older answer still shown; the refresh is tried again a moment later instead.
   */
  async refresh(): Promise<void> {
    clearTimeout(this.timer);
    if (!this.last) return;
    if (this.inFlight) return this.refreshSoon();
    await this.ask(this.last, false);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }

  private refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), refreshDelayMs);
  }

  private async ask(params: ImpactParams, announce: boolean): Promise<void> {
    const client = this.context.client;
    if (!client.isRunning()) {
      if (announce) void vscode.window.showWarningMessage('The SAM Atlas language server is not running.');
      return;
    }
    const request = ++this.request;
    this.stale = false;
    this.inFlight++;
    try {
      const result = await vscode.window.withProgress({ location: { viewId: impactIds.view } }, async () => {
        await this.indexReady();
        return client.sendRequest(ImpactRequest.type, params);
      });
      if (request === this.request) await this.show(toModel(params, result));
    } catch (error) {
      if (request !== this.request) return;
      const text = `SAM Atlas could not compute the impact: ${error instanceof Error ? error.message : String(error)}`;
      await this.show({ title: 'Impact', error: text, roots: [{ key: 'error', label: text, icon: 'error', contextValue: 'samAtlas.impact.message', expanded: false, children: [] }] });
    } finally {
      this.inFlight--;
    }
  }

  private async indexReady(): Promise<void> {
    if (this.context.tracker.status?.state === 'ready') return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([this.context.tracker.whenReady(), new Promise((resolve) => (timer = setTimeout(resolve, readyWaitMs)))]);
    clearTimeout(timer);
  }

  private async show(model: ImpactModel): Promise<void> {
    this.provider.show(model);
    this.view.description = model.title;
    await this.setContext(model);
  }

  private async setContext(model: ImpactModel | undefined): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'samAtlas.impact.hasResult', model !== undefined);
    await vscode.commands.executeCommand('setContext', 'samAtlas.impact.hasNode', model?.focusId !== undefined);
  }
}

function toModel(params: ImpactParams, result: ImpactResult): ImpactModel {
  return params.base !== undefined ? changesModel(result, params.base || 'HEAD', pathLabel) : targetModel(result, pathLabel);
}

/** The node a command argument names: an id string, an Impact row, a Functions view node or a function item. */
function idFromArgument(target: unknown): string | undefined {
  const entry = target as Partial<ImpactEntry> | undefined;
  if (entry && typeof entry === 'object' && typeof entry.key === 'string' && 'contextValue' in entry) return entry.nodeId;
  return nodeIdFromArgument(target);
}



/** Asks for a git ref; refuses what git would read as an option. */
function askForRef(previous: string): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Impact of Changes Since…',
    prompt: 'A git branch, tag or commit: the impact of every change since it (from its merge base with HEAD)',
    placeHolder: 'main',
    value: previous || 'main',
    validateInput: (value) => {
      const ref = value.trim();
      if (!ref) return 'Give a branch, tag or commit.';
      if (ref.startsWith('-') || /\s/.test(ref)) return 'Not a git ref.';
      return undefined;
    },
  }).then((value) => value?.trim());
}
