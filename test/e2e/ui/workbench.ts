// Page helpers for driving VS Code's workbench in Chromium: Quick Open, Go to Line, tabs, caret, hovers, views.
import { join } from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { poll } from '../shared/browser';

/** A string as a regular expression that matches it literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A point on the page, in CSS pixels. */
export interface Point {
  x: number;
  y: number;
}

/** Drives one workbench page; every wait polls with a deadline. */
export class Workbench {
  constructor(
    readonly page: Page,
    private readonly artifactsFolder: string,
  ) {}

  /** Waits until the workbench shows the explorer with the workspace's folders. */
  async waitForWorkbench(firstFolder: string, timeoutMs = 120_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: timeoutMs });
    const explorerRow = this.page.locator('.explorer-folders-view .monaco-list-row', { hasText: firstFolder });
    await poll(`the explorer to list ${firstFolder}`, async () => ((await explorerRow.count()) > 0 ? true : undefined), timeoutMs);
  }

  /** Saves a screenshot of the page and returns its path. */
  async screenshot(name: string): Promise<string> {
    const path = join(this.artifactsFolder, `${name}.png`);
    await this.page.screenshot({ path });
    return path;
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), retrying while the file search warms up. */
  async quickOpen(relativePath: string, timeoutMs = 60_000): Promise<void> {
    const segments = relativePath.split('/');
    const name = segments[segments.length - 1];
    const folder = segments.slice(0, -1).join('/');
    await poll(`Quick Open to offer ${relativePath}`, async () => {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+P');
      const input = this.page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(relativePath);
      const row = this.page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).filter({ hasText: folder || name });
      await row.first().waitFor({ state: 'visible', timeout: 5_000 });
      await row.first().click();
      await this.waitForActiveFile(relativePath, 5_000);
      return true;
    }, timeoutMs);
  }

  /** The path segments the breadcrumbs show for the active editor (folders, file, then symbols). */
  async breadcrumbs(): Promise<string[]> {
    const items = this.page.locator('.part.editor .editor-group-container.active .breadcrumbs-control .monaco-breadcrumb-item');
    return (await items.allTextContents()).map((text) => text.trim()).filter(Boolean);
  }

  /** The label of the active editor tab. */
  async activeTabLabel(): Promise<string> {
    const label = this.page.locator('.part.editor .editor-group-container.active .tab.active .label-name').first();
    return ((await label.textContent({ timeout: 2_000 })) ?? '').trim();
  }

  /** Whether the active editor shows `relativePath` (tab label and breadcrumbs folders agree). */
  async isActiveFile(relativePath: string): Promise<boolean> {
    const segments = relativePath.split('/');
    if ((await this.activeTabLabel()) !== segments[segments.length - 1]) return false;
    const crumbs = await this.breadcrumbs();
    return segments.every((segment, index) => crumbs[index] === segment);
  }

  /** Waits until the active editor shows `relativePath`. */
  async waitForActiveFile(relativePath: string, timeoutMs: number): Promise<void> {
    await poll(`the editor to show ${relativePath}`, async () => ((await this.isActiveFile(relativePath)) ? true : undefined), timeoutMs, 100);
  }

  /** The one-based cursor line and column, as the status bar shows them ("Ln 12, Col 5"). */
  async cursor(): Promise<{ line: number; column: number } | undefined> {
    const text = (await this.page.locator('[id="status.editor.selection"]').first().textContent({ timeout: 2_000 })) ?? '';
    const match = /Ln (\d+), Col (\d+)/.exec(text);
    return match ? { line: Number(match[1]), column: Number(match[2]) } : undefined;
  }

  /** The language mode the status bar shows for the focused editor (`TypeScript`, `YAML`). */
  async languageMode(): Promise<string> {
    return ((await this.page.locator('[id="status.editor.mode"]').first().textContent({ timeout: 2_000 })) ?? '').trim();
  }

  /** Moves the cursor with Go to Line (Ctrl+G, `line:column`, one-based) and waits until the status bar agrees. */
  async goTo(line: number, column: number, timeoutMs = 30_000): Promise<void> {
    await poll(`the cursor to reach ${line}:${column}`, async () => {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('Control+G');
      const input = this.page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`:${line}:${column}`);
      await this.page.keyboard.press('Enter');
      const cursor = await this.cursor();
      return cursor?.line === line && cursor.column === column ? true : undefined;
    }, timeoutMs);
  }

  /** Where the caret of the focused editor is drawn, a little to the right so a click lands on the next character. */
  async caretPoint(): Promise<Point> {
    const caret = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .cursors-layer .cursor').first();
    const box = await poll('the caret', async () => (await caret.boundingBox()) ?? undefined, 10_000);
    return { x: box.x + 3, y: box.y + box.height / 2 };
  }

  /**
   * The caret point once it has stopped moving: CodeLens lines appear above declarations as they scroll into view,
   * pushing the text down a moment after the cursor moved.
   */
  async settledCaretPoint(quietMs = 400, timeoutMs = 10_000): Promise<Point> {
    let previous = await this.caretPoint();
    return poll('the caret to stop moving', async () => {
      await this.page.waitForTimeout(quietMs);
      const current = await this.caretPoint();
      const still = current.x === previous.x && current.y === previous.y;
      previous = current;
      return still ? current : undefined;
    }, timeoutMs, 0);
  }

  /** Waits until an element's pixels stop changing (an animation or a layout finished), comparing screenshots. */
  async waitUntilStill(element: Locator, what: string, quietMs = 300, timeoutMs = 10_000): Promise<void> {
    let previous = await element.screenshot();
    await poll(`${what} to stop moving`, async () => {
      await this.page.waitForTimeout(quietMs);
      const current = await element.screenshot();
      const still = current.equals(previous);
      previous = current;
      return still ? true : undefined;
    }, timeoutMs, 0);
  }

  /**
   * Ctrl+clicks the character after the caret (Go to Definition in VS Code on Linux) the way a person does: holds Ctrl
   * over the word, waits until VS Code underlines it as a link (the definition provider answered), then clicks.
   * CodeLens lines can appear above the caret a moment later and push the text down, moving the word from under
   * the mouse (no link then, or a cancelled gesture): the caret point is measured again until it holds still.
   */
  async controlClickAtCaret(timeoutMs = 20_000): Promise<void> {
    const link = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .goto-definition-link');
    await poll('Ctrl over the word at the caret to show a link', async () => {
      const point = await this.settledCaretPoint();
      await this.page.mouse.move(point.x - 2, point.y);
      await this.page.keyboard.down('Control');
      try {
        await this.page.mouse.move(point.x, point.y, { steps: 2 });
        await poll('the word under the mouse to be underlined as a link', async () => ((await link.count()) > 0 ? true : undefined), 2_000, 50);
        const now = await this.caretPoint();
        if (now.x !== point.x || now.y !== point.y) throw new Error('the text moved under the mouse');
        await this.page.mouse.click(point.x, point.y);
        return true;
      } finally {
        await this.page.keyboard.up('Control');
      }
    }, timeoutMs, 0);
  }

  /** The text of the visible editor hover, if any. */
  async hoverText(): Promise<string | undefined> {
    const hover = this.page.locator('.monaco-hover:visible');
    if (!(await hover.count())) return undefined;
    const text = (await hover.allInnerTexts()).join('\n').trim();
    return text || undefined;
  }

  /** Moves the mouse away from the editor text, so that the next move starts a fresh hover. */
  async moveMouseAway(): Promise<void> {
    const box = await this.page.locator('.part.statusbar').boundingBox();
    await this.page.mouse.move(box ? box.x + box.width / 2 : 5, box ? box.y + box.height / 2 : 5);
  }

  /** Opens a view container of the activity bar by its title. */
  async openActivityBarContainer(title: string, timeoutMs = 30_000): Promise<void> {
    const item = this.page.locator(`.part.activitybar .action-item a.action-label[aria-label^="${title}"]`).first();
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    const checked = this.page.locator(`.part.activitybar .action-item.checked a.action-label[aria-label^="${title}"]`);
    if (!(await checked.count())) await item.click();
    await poll(`the ${title} container to open`, async () => ((await checked.count()) ? true : undefined), timeoutMs);
  }

  /** The tree rows of a view pane of the side bar, expanding the pane if it is collapsed. */
  async viewRows(viewName: string, timeoutMs = 30_000): Promise<Locator> {
    const pane = this.page.locator('.part.sidebar .pane', { has: this.page.locator('.pane-header', { hasText: viewName }) }).first();
    await pane.waitFor({ state: 'visible', timeout: timeoutMs });
    const header = pane.locator('.pane-header').first();
    if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return pane.locator('.pane-body .monaco-list-row');
  }

  /** Finds a tree row whose text includes `text`, expanding collapsed rows until it shows up. */
  async findTreeRow(rows: Locator, text: string, timeoutMs = 90_000): Promise<Locator> {
    return poll(`a row "${text}"`, async () => {
      const row = rows.filter({ hasText: text }).first();
      if (await row.count()) return row;
      const collapsed = rows.and(this.page.locator('[aria-expanded="false"]'));
      if (await collapsed.count()) await collapsed.first().click();
      return undefined;
    }, timeoutMs);
  }

  /** Runs a command by its palette label (`SAM Atlas: Show Dependency Graph`), choosing the row whose label is exactly that. */
  async runCommand(label: string, timeoutMs = 30_000): Promise<void> {
    const exact = new RegExp(`^${escapeRegExp(label)}$`);
    await poll(`the command palette to offer "${label}"`, async () => {
      await this.page.keyboard.press('Escape');
      await this.page.keyboard.press('F1');
      const input = this.page.locator('.quick-input-widget .quick-input-box input');
      await input.waitFor({ state: 'visible', timeout: 5_000 });
      await input.fill(`>${label}`);
      const row = this.page.locator('.quick-input-widget .monaco-list-row', { has: this.page.locator('.label-name', { hasText: exact }) }).first();
      await row.waitFor({ state: 'visible', timeout: 5_000 });
      // A short click timeout: when something covers the list for a moment (a hover, a notification), the poll
      // closes the palette and tries again rather than spending its whole deadline on one click.
      await row.click({ timeout: 3_000 });
      return true;
    }, timeoutMs);
  }

  /** The page inside the first ready webview (VS Code nests it in two iframes). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /** Whether some editor group (not necessarily the focused one) shows `relativePath` (tab label and breadcrumbs agree). */
  async isShownInSomeGroup(relativePath: string): Promise<boolean> {
    const segments = relativePath.split('/');
    const groups = this.page.locator('.part.editor .editor-group-container');
    for (let index = 0; index < (await groups.count()); index++) {
      const group = groups.nth(index);
      const label = group.locator('.tab.active .label-name').first();
      if (!(await label.count()) || ((await label.textContent({ timeout: 2_000 })) ?? '').trim() !== segments[segments.length - 1]) continue;
      const crumbs = (await group.locator('.breadcrumbs-control .monaco-breadcrumb-item').allTextContents()).map((text) => text.trim()).filter(Boolean);
      if (segments.every((segment, position) => crumbs[position] === segment)) return true;
    }
    return false;
  }

  /** Waits until some editor group shows `relativePath` (the focused group may be another one, such as a webview). */
  async waitForShownFile(relativePath: string, timeoutMs: number): Promise<void> {
    await poll(`an editor group to show ${relativePath}`, async () => ((await this.isShownInSomeGroup(relativePath)) ? true : undefined), timeoutMs, 100);
  }

  /** The rows of the Problems panel, opening it if needed. */
  async problemRows(timeoutMs = 15_000): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.isVisible().catch(() => false))) await this.runCommand('View: Focus Problems (Errors, Warnings, Infos)');
    await panel.waitFor({ state: 'visible', timeout: timeoutMs });
    return panel.locator('.monaco-list-row');
  }
}
