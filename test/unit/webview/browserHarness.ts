// Loads the built graph webview (dist/webview.js) in headless Chromium under its real CSP, with a fake VS Code API.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { graphHtml } from '../../../client/src/graph/graphHtml';
import type { HostMessage, WebviewMessage } from '../../../client/src/graph/messages';

export const REPO = join(__dirname, '..', '..', '..');
export const CHROMIUM = '/usr/bin/chromium';
const origin = 'https://sam-atlas.test';
const dist = join(REPO, 'dist');

/** Dark-theme variables as VS Code sets them on the page. */
const themeVariables: Record<string, string> = {
  '--vscode-editor-background': '#1e1e1e',
  '--vscode-editor-foreground': '#d4d4d4',
  '--vscode-foreground': '#cccccc',
  '--vscode-descriptionForeground': '#9d9d9d',
  '--vscode-panel-border': '#80808059',
  '--vscode-focusBorder': '#007fd4',
  '--vscode-editorWidget-background': '#252526',
  '--vscode-sideBar-background': '#252526',
  '--vscode-font-family': 'system-ui, sans-serif',
  '--vscode-font-size': '13px',
};

/** A page of the webview and what it did. */
export interface WebviewPage {
  page: Page;
  /** Page errors, console errors and CSP violations. */
  problems: string[];
  /** Messages of alert/confirm/prompt dialogs (none may appear). */
  dialogs: string[];
  posted(): Promise<WebviewMessage[]>;
  send(message: HostMessage): Promise<void>;
  /** Waits for the page's `rendered` message number `count` (1-based) and returns it. */
  rendered(count: number, timeoutMs?: number): Promise<Extract<WebviewMessage, { type: 'rendered' }>>;
}

/** Starts headless Chromium. */
export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--headless'] });
}

/** Whether the built webview exists (the test runner builds before the tests). */
export function webviewBuilt(): boolean {
  return existsSync(join(dist, 'webview.js')) && existsSync(join(dist, 'webview.css'));
}

/** Opens the webview page, served from a fake origin (no network), and waits for its `ready` message. */
export async function openWebview(browser: Browser, viewport = { width: 1400, height: 860 }): Promise<WebviewPage> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  const dialogs: string[] = [];
  const html = graphHtml({ cspSource: origin, nonce: 'dGVzdC1ub25jZS0xMjM0NQ==', scriptUri: `${origin}/webview.js`, styleUri: `${origin}/webview.css` });
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    const files: Record<string, [string, string]> = {
      '/index.html': [html, 'text/html'],
      '/webview.js': [readFileSync(join(dist, 'webview.js'), 'utf8'), 'text/javascript'],
      '/webview.css': [readFileSync(join(dist, 'webview.css'), 'utf8'), 'text/css'],
    };
    const file = url.origin === origin ? files[url.pathname] : undefined;
    if (!file) {
      problems.push(`unexpected request ${url.href}`);
      await route.fulfill({ status: 404, body: '' });
      return;
    }
    await route.fulfill({ status: 200, body: file[0], contentType: file[1] });
  });
  // A string, not a function: tsx would add helpers (`__name`) to a function's source that the page does not have.
  await page.addInitScript(`(() => {
    const variables = ${JSON.stringify(themeVariables)};
    window.__posted = [];
    window.__xss = 0;
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => window.__violations.push(event.violatedDirective + ' ' + event.blockedURI));
    window.acquireVsCodeApi = () => {
      for (const [name, value] of Object.entries(variables)) document.documentElement.style.setProperty(name, value);
      return { postMessage: (message) => window.__posted.push(message), getState: () => undefined, setState: () => undefined };
    };
  })();`);
  page.on("pageerror", (error) => { problems.push(`page error: ${error.message}`); if (process.env.DEBUG_WEBVIEW) console.log(error); });
  if (process.env.DEBUG_WEBVIEW) page.on("console", (m) => console.log("console", m.type(), m.text()));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  await page.goto(`${origin}/index.html`);
  const posted = () => page.evaluate(() => (window as unknown as { __posted: WebviewMessage[] }).__posted);
  await page.waitForFunction(() => (window as unknown as { __posted: { type: string }[] }).__posted.some((m) => m.type === 'ready'));
  return {
    page,
    problems,
    dialogs,
    posted,
    send: (message) => page.evaluate((data) => window.postMessage(data, '*'), message),
    async rendered(count, timeoutMs = 60_000) {
      await page.waitForFunction((n) => (window as unknown as { __posted: { type: string }[] }).__posted.filter((m) => m.type === 'rendered').length >= n, count, { timeout: timeoutMs });
      const all = (await posted()).filter((m): m is Extract<WebviewMessage, { type: 'rendered' }> => m.type === 'rendered');
      return all[count - 1];
    },
  };
}

/** CSP violations the page reported. */
export function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);
}
