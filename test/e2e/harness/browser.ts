// Debian's Chromium driven by playwright-core, isolated from the user's profile and offline.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadPlaywright, type Browser, type BrowserContext, type Page } from './playwright';
import { isolatedEnv } from './codeServer';
import { readTools } from './tools';

/** Flags from E2E.md. Playwright adds --headless and its own fresh --user-data-dir. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Console noise that is expected offline (E2E.md) and must not fail a test. */
export const EXPECTED_CONSOLE_NOISE = [
  /open-vsx|ENOTFOUND/i,
  /github.*auth|authentication provider/i,
  /vsda/i,
  /Failed to load resource/i,
  /Long running operations during shutdown are unsupported in the web/,
];

export interface BrowserSession {
  readonly browser: Browser;
  readonly context: BrowserContext;
  readonly page: Page;
  /** Milliseconds from launch to a page. */
  readonly launchMs: number;
  /** Console errors and page errors that are not expected offline noise. */
  readonly errors: string[];
  close(): Promise<void>;
}

export async function launchBrowser(runDir: string, options: { viewport?: { width: number; height: number } } = {}): Promise<BrowserSession> {
  const { chromium } = loadPlaywright();
  const started = performance.now();
  const home = join(runDir, 'chromium');
  mkdirSync(home, { recursive: true });
  const browser = await chromium.launch({
    executablePath: readTools().chromium,
    headless: true,
    args: CHROMIUM_ARGS,
    // Chromium writes crash dumps, caches and its profile under HOME/XDG/TMPDIR: keep them in the run.
    env: isolatedEnv(home),
    timeout: 60_000,
  });
  const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(30_000);
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    if (!EXPECTED_CONSOLE_NOISE.some((re) => re.test(text))) errors.push(text);
  });
  page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  const launchMs = performance.now() - started;
  return {
    browser,
    context,
    page,
    launchMs,
    errors,
    close: async () => {
      await context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
    },
  };
}
