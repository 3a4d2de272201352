// Helpers for the IDE acceptance tests (ide*.e2e.ts): steps that screenshot on failure, waits on
// conditions the harness has no helper for (a painted canvas, a squiggle under a given token),
// checks that shown numbers are real, and a scan of the language server's log for crashes.
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import type { FrameLocator, Locator } from './harness/playwright';
import type { Session } from './harness/session';
import { repoRoot, resultsDir } from './harness/tools';

/** The part of Playwright's Locator the harness's structural types leave out (the real object has it). */
export interface RichLocator extends Locator {
  evaluate<R, A = undefined>(fn: (el: Element, arg: A) => R, arg?: A, options?: { timeout?: number }): Promise<R>;
  boundingBox(options?: { timeout?: number }): Promise<{ x: number; y: number; width: number; height: number } | null>;
  selectOption(value: string | { label: string }, options?: { timeout?: number }): Promise<string[]>;
  hover(options?: { timeout?: number }): Promise<void>;
  last(): Locator;
}

export const rich = (l: Locator): RichLocator => l as RichLocator;

export const built = (files: string[], extensionDir = repoRoot): boolean => files.every((f) => existsSync(join(extensionDir, 'dist', f)));

/** Seconds since `t0`, for logs. */
export const since = (t0: number): string => `${((performance.now() - t0) / 1000).toFixed(2)} s`;

/**
 * Polls `probe` until it returns a truthy value or the time runs out. For conditions that live in
 * a cross-origin webview frame (where waitForFunction cannot reach), e.g. "the canvas has pixels".
 * The pause between probes is a polling interval, not a wait for time to pass.
 */
export async function pollUntil<T>(what: string, probe: () => Promise<T | undefined | false>, timeoutMs: number, describeLast?: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      lastError = e;
    }
    if (Date.now() > deadline) {
      const extra = describeLast ? `; last seen: ${describeLast()}` : lastError ? `; last error: ${lastError instanceof Error ? lastError.message.split('\n')[0] : String(lastError)}` : '';
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${extra}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Number of painted (non-transparent) pixels of a canvas. */
export async function paintedPixels(canvas: Locator): Promise<number> {
  return rich(canvas).evaluate((el) => {
    const c = el as HTMLCanvasElement;
    const g = c.getContext('2d');
    if (!g || !c.width || !c.height) return 0;
    const data = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
  });
}

/** Waits until every canvas matched by `selector` in `frame` (at least `min`) has drawn something. */
export async function waitForPaintedCanvases(frame: FrameLocator, selector: string, options: { min?: number; timeoutMs?: number } = {}): Promise<number[]> {
  const min = options.min ?? 1;
  let seen: number[] = [];
  return pollUntil(
    `${min}+ painted canvases (${selector})`,
    async () => {
      const canvases = frame.locator(selector);
      const n = await canvases.count();
      seen = [];
      for (let i = 0; i < n; i++) seen.push(await paintedPixels(canvases.nth(i)));
      return n >= min && seen.every((p) => p > 200) ? seen : undefined;
    },
    options.timeoutMs ?? 30_000,
    () => `painted pixels per canvas ${JSON.stringify(seen)}`,
  );
}

/** Saves a PNG of one element (whole, scrolled into view; also inside webview frames) as test-results/e2e/<name>.png. */
export async function elementShot(el: Locator, name: string): Promise<string> {
  mkdirSync(resultsDir, { recursive: true });
  const path = join(resultsDir, `${name.replace(/[^\w.-]/g, '_')}.png`);
  await el.screenshot({ path, timeout: 30_000 });
  return path;
}

/** Placeholders a broken view would show where a number belongs. */
const PLACEHOLDER = /\b(NaN|undefined|null|Infinity)\b|\[object Object\]/;

/** Asserts `text` has at least `min` decimal numbers and no placeholder; returns the numbers. */
export function realNumbers(text: string, what: string, min = 1): number[] {
  const bad = PLACEHOLDER.exec(text);
  if (bad) throw new Error(`${what} shows the placeholder "${bad[0]}": ${text.slice(0, 300)}`);
  const numbers = [...text.matchAll(/-?\d+\.\d+(?:e[-+]?\d+)?/g)].map((m) => Number(m[0]));
  if (numbers.length < min) throw new Error(`${what} shows ${numbers.length} decimal numbers, expected at least ${min}: ${text.slice(0, 300)}`);
  return numbers;
}

/**
 * Steps of one `describe` sharing one session: a failing step screenshots the workbench as
 * `<prefix>-FAIL-<step>.png`, names the unexpected console errors, and marks the run failed (so the
 * session keeps its run folder and log).
 */
export function stepper(prefix: string, getSession: () => Session | undefined) {
  const state = { failed: false };
  const step = (name: string, fn: () => Promise<void>, options: { timeout?: number; skip?: string | boolean } = {}) =>
    it(name, { timeout: options.timeout ?? 240_000, skip: options.skip ?? false }, async () => {
      const session = getSession();
      if (!session) throw new Error('no session: the before() hook failed (see above)');
      const errorsBefore = session.browser.errors.length;
      try {
        await fn();
      } catch (error) {
        state.failed = true;
        const shot = await session.wb.screenshot(`${prefix}-FAIL-${name.slice(0, 40)}`).catch((e: unknown) => `(screenshot failed: ${String(e)})`);
        const errors = session.browser.errors.slice(errorsBefore);
        const message = error instanceof Error ? error.message : String(error);
        throw new Error(`${message}\n  screenshot: ${shot}${errors.length ? `\n  console errors during the step:\n    ${errors.slice(0, 8).join('\n    ')}` : ''}`, { cause: error });
      }
    });
  return { step, state };
}

export interface ServerLogScan {
  /** Log files of the run that mention the crash. */
  crashes: { file: string; lines: string[] }[];
  /** Copy of the extension's output channel log in test-results/e2e (if found). */
  outputLog?: string;
}

const CRASH = /terminate called after throwing|Napi::Error|server crashed|Connection to server got closed/;

/**
 * Scans every log under the run folder (code-server's, the extension host's output channels,
 * where the language server's stderr ends up) for the known onnxruntime-node abort and server
 * restarts; copies the Model Diagnostics output channel to test-results/e2e/<name>-output.log.
 */
export function scanServerLogs(runDir: string, name: string): ServerLogScan {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const p = join(dir, entry);
      let st;
      try {
        st = statSync(p);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (!/^(extensions|chromium|node_modules|CachedData|Cache)$/.test(entry)) walk(p);
      } else if (/\.log$/.test(entry)) files.push(p);
    }
  };
  if (existsSync(runDir)) walk(runDir);
  const crashes: ServerLogScan['crashes'] = [];
  let outputLog: string | undefined;
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const hits = lines.flatMap((l, i) => (CRASH.test(l) ? lines.slice(Math.max(0, i - 3), i + 4) : []));
    if (hits.length) crashes.push({ file, lines: hits.slice(0, 40) });
    if (/Model Diagnostics\.log$/.test(file)) {
      mkdirSync(resultsDir, { recursive: true });
      outputLog = join(resultsDir, `${name}-output.log`);
      copyFileSync(file, outputLog);
    }
  }
  return { crashes, outputLog };
}
