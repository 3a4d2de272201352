// One real VS Code for one test file: code-server + Chromium + a workbench on a folder, with the
// startup times measured and everything stopped (and kept for debugging) at the end.
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, type BrowserSession } from './browser';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer';
import type { Page } from './playwright';
import { resultsDir } from './tools';
import { Workbench } from './workbench';

export interface SessionOptions extends CodeServerOptions {
  /** Folder to open as the workspace. */
  workspace: string;
  /** Smoke-test-driver payload (extensionDevelopmentPath, extensionTestsPath, …). */
  payload?: [string, string][];
  /** Called before the workbench URL is opened (e.g. to expose functions to the page). */
  beforeOpen?: (page: Page) => Promise<void>;
}

export interface Timings {
  codeServerMs: number;
  browserLaunchMs: number;
  workbenchMs: number;
}

export interface Session {
  readonly server: CodeServer;
  readonly browser: BrowserSession;
  readonly page: Page;
  readonly wb: Workbench;
  readonly timings: Timings;
  /** Stops the browser and code-server. On failure keeps the run folder and copies the log. */
  stop(options?: { failed?: boolean }): Promise<void>;
}

export async function startSession(options: SessionOptions): Promise<Session> {
  const server = await startCodeServer(options);
  let browser: BrowserSession | undefined;
  try {
    browser = await launchBrowser(server.runDir);
    const wb = new Workbench(browser.page, server.origin);
    await options.beforeOpen?.(browser.page);
    const workbenchMs = await wb.open(options.workspace, options.payload);
    const timings = { codeServerMs: server.startMs, browserLaunchMs: browser.launchMs, workbenchMs };
    const b = browser;
    return {
      server,
      browser: b,
      page: b.page,
      wb,
      timings,
      stop: async ({ failed = false } = {}) => {
        if (failed) await wb.screenshot(`${options.name}-failure`).catch(() => undefined);
        await b.close();
        await server.stop({ keep: failed });
        if (failed) keepLog(server, options.name);
      },
    };
  } catch (error) {
    await browser?.close();
    await server.stop({ keep: true });
    keepLog(server, options.name);
    throw error;
  }
}

function keepLog(server: CodeServer, name: string): void {
  if (!existsSync(server.logFile)) return;
  mkdirSync(resultsDir, { recursive: true });
  const target = join(resultsDir, `${name}-code-server.log`);
  copyFileSync(server.logFile, target);
  console.error(`[e2e] kept run folder ${server.runDir}; code-server log copied to ${target}`);
}

export function formatTimings(t: Timings): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return `code-server healthy ${s(t.codeServerMs)}, browser launch ${s(t.browserLaunchMs)}, workbench restored ${s(t.workbenchMs)}`;
}
