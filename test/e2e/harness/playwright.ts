// playwright-core is installed into .tools/ by test/e2e/setup.sh, not into the product's
// node_modules, so its own type declarations are not visible to `tsc -p tsconfig.json` on a fresh
// checkout. These structural types cover the subset the harness uses; `loadPlaywright()` loads the
// real module from the path setup.sh recorded in .tools/e2e-tools.json.
import { createRequire } from 'node:module';
import { readTools } from './tools';

export interface Locator {
  click(options?: { timeout?: number; button?: 'left' | 'right' }): Promise<void>;
  fill(value: string, options?: { timeout?: number }): Promise<void>;
  press(key: string, options?: { timeout?: number }): Promise<void>;
  textContent(options?: { timeout?: number }): Promise<string | null>;
  innerText(options?: { timeout?: number }): Promise<string>;
  allInnerTexts(): Promise<string[]>;
  count(): Promise<number>;
  isVisible(): Promise<boolean>;
  first(): Locator;
  nth(index: number): Locator;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  filter(options: { hasText?: string | RegExp }): Locator;
  waitFor(options?: { state?: 'attached' | 'detached' | 'visible' | 'hidden'; timeout?: number }): Promise<void>;
  screenshot(options?: { path?: string; timeout?: number }): Promise<Buffer>;
  contentFrame(): FrameLocator;
}

export interface FrameLocator {
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
  first(): FrameLocator;
}

export interface Keyboard {
  press(key: string, options?: { delay?: number }): Promise<void>;
  type(text: string, options?: { delay?: number }): Promise<void>;
  insertText(text: string): Promise<void>;
}

export interface ConsoleMessage {
  type(): string;
  text(): string;
  location(): { url: string; lineNumber: number; columnNumber: number };
}

export interface Frame {
  url(): string;
  evaluate<R>(fn: string | (() => R)): Promise<R>;
}

export interface Page {
  goto(url: string, options?: { waitUntil?: 'load' | 'domcontentloaded' | 'commit'; timeout?: number }): Promise<unknown>;
  locator(selector: string, options?: { hasText?: string | RegExp }): Locator;
  frameLocator(selector: string): FrameLocator;
  keyboard: Keyboard;
  screenshot(options?: { path?: string; fullPage?: boolean; timeout?: number }): Promise<Buffer>;
  exposeFunction(name: string, callback: (...args: never[]) => unknown): Promise<void>;
  waitForFunction<R>(fn: string | ((arg: unknown) => R), arg?: unknown, options?: { timeout?: number; polling?: number | 'raf' }): Promise<unknown>;
  evaluate<R>(fn: string | (() => R)): Promise<R>;
  /** Every frame of the page, nested webview frames included. */
  frames(): Frame[];
  /** Runs `script` in every new document of the page and of its frames, before the document's own scripts. */
  addInitScript(script: string | { content: string }): Promise<void>;
  on(event: 'console', listener: (message: ConsoleMessage) => void): void;
  on(event: 'pageerror', listener: (error: Error) => void): void;
  setDefaultTimeout(ms: number): void;
  close(): Promise<void>;
}

export interface BrowserContext {
  newPage(): Promise<Page>;
  close(): Promise<void>;
}

export interface Browser {
  newContext(options?: { viewport?: { width: number; height: number }; deviceScaleFactor?: number }): Promise<BrowserContext>;
  close(): Promise<void>;
  version(): string;
}

export interface BrowserType {
  launch(options: {
    executablePath: string;
    args: string[];
    headless?: boolean;
    timeout?: number;
    env?: Record<string, string | undefined>;
  }): Promise<Browser>;
}

export interface PlaywrightCore {
  chromium: BrowserType;
}

let cached: PlaywrightCore | undefined;

export function loadPlaywright(): PlaywrightCore {
  if (cached) return cached;
  const { playwrightCore } = readTools();
  const require = createRequire(__filename);
  cached = require(playwrightCore) as PlaywrightCore;
  return cached;
}
