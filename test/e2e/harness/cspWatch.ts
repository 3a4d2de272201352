// Content-Security-Policy violations in the extension's webviews, from two sources:
//  - Chromium's console reports ("Refused to … because it violates the following Content
//    Security Policy directive …"): they also cover what is blocked while the page loads,
//    before any script of ours could listen;
//  - a `securitypolicyviolation` listener in every webview content frame, installed by an init
//    script: frame-precise, with the directive and the blocked URI.
// Attach before the workbench opens (SessionOptions.beforeOpen), check after each view renders.
import type { Frame, Page } from './playwright';

export interface CspViolation {
  readonly source: 'console' | 'event';
  /** The frame's URL (event) or the console location (console). */
  readonly where: string;
  readonly text: string;
}

/** Where VS Code serves a webview's frames from: `pre/index.html` hosts `pre/fake.html`, into which the extension's HTML is written. */
const WEBVIEW_FRAME = /\/webview\/browser\/pre\/(index|fake)\.html/;
const CONTENT_FRAME = /\/webview\/browser\/pre\/fake\.html/;
const CSP_TEXT = /Content[- ]Security[- ]Policy/i;
const STORE = '__mdCspViolations';

/**
 * Runs in every new document of every frame below the workbench. A webview content frame runs
 * it while still on its initial about:blank; the same window then carries fake.html, into which
 * VS Code writes the extension's HTML with document.open()/write(). open() erases the window's
 * listeners, so the listener is added again after every open() (same function: no duplicates).
 */
const INIT_SCRIPT = `(() => {
  if (window.top === window || window.${STORE}) return;
  const seen = (window.${STORE} = []);
  const onViolation = (e) => seen.push(e.effectiveDirective + ' blocked ' + (e.blockedURI || '(inline)') + (e.sample ? ' [' + e.sample + ']' : '') + ' in ' + e.documentURI);
  const listen = () => window.addEventListener('securitypolicyviolation', onViolation, true);
  listen();
  const open = Document.prototype.open;
  Document.prototype.open = function (...args) {
    const result = open.apply(this, args);
    listen();
    return result;
  };
})();`;

export class CspWatch {
  private readonly console: CspViolation[] = [];
  /** CSP reports from outside the webviews (the workbench's own policy): kept for the log, not failed on. */
  readonly elsewhere: string[] = [];

  /** Starts listening; call before the workbench URL is opened. */
  async attach(page: Page): Promise<void> {
    page.on('console', (msg) => {
      const text = msg.text();
      if (!CSP_TEXT.test(text)) return;
      const where = msg.location().url;
      // A blocked inline script is reported without a source URL: count it against the webviews
      // (the frames' listeners say which frame), since the workbench reports none in a clean run.
      if (!where || WEBVIEW_FRAME.test(where) || /vscode-resource|vscode-cdn/.test(`${where} ${text}`)) this.console.push({ source: 'console', where: where || '(no source URL)', text });
      else this.elsewhere.push(`${where}: ${text}`);
    });
    await page.addInitScript(INIT_SCRIPT);
  }

  /** Every violation so far: console reports plus what the listeners in the webview frames saw. */
  async violations(page: Page): Promise<CspViolation[]> {
    const fromFrames = await Promise.all(page.frames().filter((f) => CONTENT_FRAME.test(f.url())).map((f) => this.fromFrame(f)));
    return [...this.console, ...fromFrames.flat()];
  }

  /** Content frames of webviews that are open now (the check is only meaningful when some are). */
  contentFrames(page: Page): number {
    return page.frames().filter((f) => CONTENT_FRAME.test(f.url())).length;
  }

  private async fromFrame(frame: Frame): Promise<CspViolation[]> {
    // A frame can go away (panel closed) between listing and evaluating.
    const seen = await frame.evaluate<string[] | null>(`window.${STORE} ?? null`).catch((): string[] => []);
    if (seen === null) return [{ source: 'event', where: frame.url(), text: 'no violation listener in this webview frame (init script missing)' }];
    return seen.map((text) => ({ source: 'event' as const, where: frame.url(), text }));
  }
}
