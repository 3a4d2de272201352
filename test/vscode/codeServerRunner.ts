// Runs an extension-host test suite (the @vscode/test-electron contract: a module exporting run())
// inside code-server, for machines that cannot download VS Code. code-server rejects
// --extensionDevelopmentPath/--extensionTestsPath as flags, but with the smoke-test driver on, the
// workbench URL's `payload` carries them; the result comes back through window.codeAutomationExit
// and the extension host's output through window.codeAutomationLog and the page console.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { EXPECTED_CONSOLE_NOISE, launchBrowser, type BrowserSession } from '../e2e/harness/browser';
import { startCodeServer, type CodeServer } from '../e2e/harness/codeServer';
import { repoRoot } from '../e2e/harness/tools';
import { Workbench } from '../e2e/harness/workbench';

export interface SuiteRunOptions {
  /** Short name for the run folder and logs. */
  name: string;
  /** Folder of the extension under test (its package.json). */
  extensionDevelopmentPath: string;
  /** Bundled suite module exporting run(). */
  extensionTestsPath: string;
  /** Workspace folder to open. */
  workspace: string;
  /** Environment variables for the extension host (payload `extensionEnvironment`). */
  env?: Record<string, string>;
  /** Whole-run limit. Default 5 minutes. */
  timeoutMs?: number;
  /** Receives each output line; default prints to stdout. */
  onOutput?: (line: string) => void;
  /** Keep the run folder when the suite fails (default true; false for expected failures). */
  keepOnFailure?: boolean;
  /** Leave workspace trust on. */
  workspaceTrust?: boolean;
}

export interface SuiteRunResult {
  exitCode: number;
  /** Spawn of code-server to a healthy /healthz. */
  codeServerMs: number;
  /** Opening the workbench URL to codeAutomationExit. */
  suiteMs: number;
  /** Suite output lines and unexpected workbench errors (all log lines: test-results/vscode/<name>-automation.log). */
  output: string[];
  /** Log files VS Code handed to codeAutomationExit. */
  logs: { relativePath: string; contents: string }[];
}

export function suitePayload(server: CodeServer, options: Pick<SuiteRunOptions, 'extensionDevelopmentPath' | 'extensionTestsPath' | 'env'>): [string, string][] {
  const payload: [string, string][] = [
    ['extensionDevelopmentPath', server.remoteUri(resolve(options.extensionDevelopmentPath))],
    ['extensionTestsPath', server.remoteUri(resolve(options.extensionTestsPath))],
  ];
  const env = { MD_SUITE_OUTPUT_MARKER: SUITE_OUTPUT_MARKER, ...options.env };
  payload.push(['extensionEnvironment', JSON.stringify(env)]);
  return payload;
}

/** Prefix the suite puts on its reporter lines when MD_SUITE_OUTPUT_MARKER is set (suite/index.ts). */
export const SUITE_OUTPUT_MARKER = '\u2063[suite] ';

export async function runSuiteInCodeServer(options: SuiteRunOptions): Promise<SuiteRunResult> {
  const print = options.onOutput ?? ((line: string) => console.log(line));
  const output: string[] = [];
  const rawLog: string[] = [];
  const emit = (line: string) => {
    output.push(line);
    print(line);
  };
  const server = await startCodeServer({ name: options.name, workspaceTrust: options.workspaceTrust });
  let browser: BrowserSession | undefined;
  let failed = true;
  try {
    browser = await launchBrowser(server.runDir);
    const page = browser.page;
    let finish: (r: { code: number; logs: SuiteRunResult['logs'] }) => void = () => undefined;
    const exited = new Promise<{ code: number; logs: SuiteRunResult['logs'] }>((r) => (finish = r));
    // Everything the workbench and extension host log arrives here as (level, printf-style args).
    // Suite lines carry SUITE_OUTPUT_MARKER (suite/index.ts adds it when told through the
    // environment) and are echoed; errors other than the known offline noise are echoed too.
    await page.exposeFunction('codeAutomationLog', (type: string, args: unknown) => {
      const parts = Array.isArray(args) ? (args as unknown[]) : [args];
      const text = typeof parts[0] === 'string' ? format(...parts) : parts.map((p) => JSON.stringify(p)).join(' ');
      rawLog.push(`[${type}] ${text}`);
      for (const line of text.split('\n')) {
        if (line.startsWith(SUITE_OUTPUT_MARKER)) emit(line.slice(SUITE_OUTPUT_MARKER.length));
      }
      if (type === 'error' && !text.includes(SUITE_OUTPUT_MARKER) && !EXPECTED_CONSOLE_NOISE.some((re) => re.test(text))) {
        emit(`[vscode error] ${text.split('\n').slice(0, 4).join('\n')}`);
      }
    });
    await page.exposeFunction('codeAutomationExit', (code: number, logs?: SuiteRunResult['logs']) => {
      finish({ code, logs: logs ?? [] });
    });
    const wb = new Workbench(page, server.origin);
    const started = performance.now();
    const limit = options.timeoutMs ?? 300_000;
    await page.goto(wb.url(options.workspace, suitePayload(server, options)), { waitUntil: 'domcontentloaded' });
    let timer: NodeJS.Timeout | undefined;
    const result = await Promise.race([
      exited,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`the suite did not finish within ${limit} ms`)), limit);
      }),
    ]).finally(() => clearTimeout(timer));
    const suiteMs = performance.now() - started;
    failed = result.code !== 0;
    return { exitCode: result.code, codeServerMs: server.startMs, suiteMs, output, logs: result.logs };
  } finally {
    const logDir = join(repoRoot, 'test-results', 'vscode');
    mkdirSync(logDir, { recursive: true });
    writeFileSync(join(logDir, `${options.name}-automation.log`), rawLog.join('\n') + '\n');
    await browser?.close();
    const keep = failed && (options.keepOnFailure ?? true);
    await server.stop({ keep });
    if (keep) console.error(`[vscode-suite] kept run folder ${server.runDir} (code-server log: ${server.logFile})`);
  }
}
