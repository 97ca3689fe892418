// Opens the workbench with the extension-host suite in its payload and waits for the exit code VS Code reports.
import { driverEnvironment, launchBrowser, logLine, withDeadline } from './shared/browser';

function describe(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

/** Runs the suite once; resolves with the exit code of the extension host's test run. */
async function main(): Promise<number> {
  const environment = driverEnvironment();
  const browser = await launchBrowser(environment.chromium);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    let reportExit: (code: number) => void = () => {};
    const exited = new Promise<number>((resolve) => (reportExit = resolve));
    await page.exposeFunction('codeAutomationExit', (code: number) => {
      logLine(environment.log, `[codeAutomationExit] ${code}`);
      reportExit(code);
    });
    await page.exposeFunction('codeAutomationLog', (level: string, message: unknown) => {
      logLine(environment.log, `[workbench.${level}] ${describe(message)}`);
    });
    page.on('console', (message) => logLine(environment.log, `[console.${message.type()}] ${message.text()}`));
    page.on('pageerror', (error) => logLine(environment.log, `[pageerror] ${error.stack ?? error.message}`));
    page.on('crash', () => {
      logLine(environment.log, '[crash] the page crashed');
      reportExit(3);
    });
    await page.goto(environment.url, { waitUntil: 'domcontentloaded' });
    return await withDeadline(exited, environment.timeoutMs, 'the extension-host suite to report its exit code');
  } finally {
    await browser.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`[host suite] ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
