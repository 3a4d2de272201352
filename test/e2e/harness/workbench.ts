// Helpers that drive the VS Code workbench in the page the way a person would: palette, Problems
// panel, status bar, notifications, webviews, screenshots. Every wait is on a condition.
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { FrameLocator, Locator, Page } from './playwright';
import { resultsDir } from './tools';

export interface WorkbenchOptions {
  /** Default time limit for the waits below. */
  timeoutMs?: number;
}

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export class Workbench {
  readonly timeoutMs: number;

  constructor(
    readonly page: Page,
    readonly origin: string,
    options: WorkbenchOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** URL of the workbench on `folder`, with an optional smoke-test-driver payload. */
  url(folder: string, payload?: [string, string][]): string {
    const params = new URLSearchParams({ folder: resolve(folder) });
    if (payload) params.set('payload', JSON.stringify(payload));
    return `${this.origin}/?${params.toString()}`;
  }

  /** Opens the workbench on `folder` and waits until it has restored (smoke-test driver). Returns ms. */
  async open(folder: string, payload?: [string, string][]): Promise<number> {
    const started = performance.now();
    await this.page.goto(this.url(folder, payload), { waitUntil: 'domcontentloaded', timeout: this.timeoutMs });
    await this.waitForRestored();
    return performance.now() - started;
  }

  /** `window.driver.whenWorkbenchRestored()` exists with `--vscode-option enable-smoke-test-driver`. */
  async waitForRestored(): Promise<void> {
    await this.page.waitForFunction('typeof window.driver?.whenWorkbenchRestored === "function"', undefined, { timeout: this.timeoutMs });
    await this.page.evaluate('window.driver.whenWorkbenchRestored()');
    await this.page.locator('.monaco-workbench .part.statusbar').waitFor({ state: 'visible', timeout: this.timeoutMs });
  }

  /** Runs a palette command by its exact label, e.g. `Model Diagnostics: Rerun`. */
  async runCommand(label: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.locator('.monaco-workbench').first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.keyboard.press('F1');
    await input.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await input.fill(`>${label}`);
    const row = this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ hasText: new RegExp(`^\\s*${esc(label)}`) })
      .first();
    await row.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await row.click();
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), by a path relative to the folder. */
  async openFile(relativePath: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('Control+P');
    await input.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await input.fill(relativePath);
    const name = relativePath.split('/').pop() ?? relativePath;
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({ hasText: name }).first();
    await row.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.keyboard.press('Enter');
    await this.page
      .locator(`.tabs-container .tab.active`)
      .filter({ hasText: name })
      .waitFor({ state: 'visible', timeout: this.timeoutMs });
  }

  /** Shows the Problems panel (View: Focus Problems). */
  async showProblems(): Promise<Locator> {
    const panel = this.page.locator('.markers-panel');
    if (!(await panel.first().isVisible())) {
      await this.page.keyboard.press('Control+Shift+M');
    }
    await panel.first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    return panel.first();
  }

  /** Waits for a Problems-panel row whose text matches; opens the panel first. */
  async waitForProblem(text: string | RegExp, timeoutMs = this.timeoutMs): Promise<Locator> {
    const panel = await this.showProblems();
    const row = panel.locator('.monaco-list-row').filter({ hasText: text }).first();
    await row.waitFor({ state: 'visible', timeout: timeoutMs });
    return row;
  }

  /** Texts of all visible Problems rows (files and markers). */
  async problemRows(): Promise<string[]> {
    const panel = await this.showProblems();
    return panel.locator('.monaco-list-row').allInnerTexts();
  }

  /** A status-bar entry whose text (or tooltip-free label) matches. */
  async waitForStatusBarItem(text: string | RegExp, timeoutMs = this.timeoutMs): Promise<Locator> {
    const item = this.page.locator('.part.statusbar .statusbar-item').filter({ hasText: text }).first();
    await item.waitFor({ state: 'visible', timeout: timeoutMs });
    return item;
  }

  /**
   * A notification whose text matches. With the smoke-test driver on, VS Code shows no toasts
   * (NotificationsToasts.addToast skips them), so this opens the notification center and looks
   * there; `closeCenter` hides it again afterwards.
   */
  async waitForNotification(text: string | RegExp, options: { timeoutMs?: number; closeCenter?: boolean } = {}): Promise<string> {
    const timeout = options.timeoutMs ?? this.timeoutMs;
    const center = this.page.locator('.notifications-center');
    if (!(await center.locator('.notification-list-item').first().isVisible())) {
      await this.runCommand('Notifications: Show Notifications');
    }
    const item = center.locator('.notification-list-item').filter({ hasText: text }).first();
    await item.waitFor({ state: 'visible', timeout });
    const message = await item.innerText();
    if (options.closeCenter ?? true) await this.hideNotifications();
    return message;
  }

  async hideNotifications(): Promise<void> {
    await this.runCommand('Notifications: Hide Notifications');
    await this.page.locator('.notifications-center .notification-list-item').first().waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** Any element of the workbench (CSS or Playwright selector). */
  async waitForElement(selector: string, options: { hasText?: string | RegExp; timeoutMs?: number } = {}): Promise<Locator> {
    const el = this.page.locator(selector, options.hasText ? { hasText: options.hasText } : undefined).first();
    await el.waitFor({ state: 'visible', timeout: options.timeoutMs ?? this.timeoutMs });
    return el;
  }

  /**
   * The content frame of a webview. Webviews are nested iframes: the outer `iframe.webview.ready`
   * hosts `iframe#active-frame`, which holds the extension's HTML. `index` picks among several.
   * Waits until `readySelector` (default `body`) is visible inside it.
   */
  async webview(options: { index?: number; readySelector?: string; hasText?: string | RegExp; timeoutMs?: number } = {}): Promise<FrameLocator> {
    const timeout = options.timeoutMs ?? this.timeoutMs;
    const outer = this.page.locator('iframe.webview.ready').nth(options.index ?? 0);
    await outer.waitFor({ state: 'attached', timeout });
    const inner = outer.contentFrame().locator('iframe#active-frame');
    await inner.waitFor({ state: 'attached', timeout });
    const frame = inner.contentFrame();
    const ready = frame.locator(options.readySelector ?? 'body', options.hasText ? { hasText: options.hasText } : undefined).first();
    await ready.waitFor({ state: 'visible', timeout });
    return frame;
  }

  /** Saves a PNG of the page into test-results/e2e/<name>.png and returns its path. */
  async screenshot(name: string): Promise<string> {
    const path = join(resultsDir, `${name.replace(/[^\w.-]/g, '_')}.png`);
    mkdirSync(dirname(path), { recursive: true });
    await this.page.screenshot({ path });
    return path;
  }
}
