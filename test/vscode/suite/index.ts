// Entry of the extension-host test suite, same contract as @vscode/test-electron: the extension
// host loads this file (bundled to test/vscode/out/suite/index.js) and awaits `run()`; a rejection
// is a failed run. Both runners use it: runTest.ts (downloaded VS Code) and runInCodeServer.ts.
import Mocha from 'mocha';
import { format } from 'node:util';

/**
 * In code-server the extension host's console reaches the runner mixed with the workbench's own
 * log; runInCodeServer.ts sets MD_SUITE_OUTPUT_MARKER so the reporter's lines can be picked out.
 */
function markReporterOutput(marker: string | undefined): void {
  if (!marker) return;
  Mocha.reporters.Base.consoleLog = (...args: unknown[]) => console.log(marker + format(...args).split('\n').join(`\n${marker}`));
}

export async function run(): Promise<void> {
  markReporterOutput(process.env.MD_SUITE_OUTPUT_MARKER);
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.MD_VSCODE_TEST_TIMEOUT ?? 60_000),
    grep: process.env.MD_VSCODE_TEST_GREP || undefined,
  });
  // The tests are bundled into this file, so they are not added with addFile(): expose mocha's
  // globals (suite, test, setup, …) first, then evaluate the test modules.
  mocha.suite.emit('pre-require', globalThis, 'bundle', mocha);
  await import('./extension.test');
  await import('./ide.test');
  const failures = await new Promise<number>((resolve) => mocha.run(resolve));
  if (failures > 0) throw new Error(`${failures} extension-host test(s) failed`);
}
