// Runs the extension-host mocha suite in a downloaded VS Code through @vscode/test-electron, for
// machines that can download it (not these: use runInCodeServer.ts here). Same suite, same
// workspace (a writable copy of examples/).
// Usage: node test/vscode/build.mjs && tsx test/vscode/runTest.ts [--grep PATTERN]
import { runTests } from '@vscode/test-electron';
import { join } from 'node:path';
import { repoRoot } from '../e2e/harness/tools';
import { copyExamples } from '../e2e/harness/workspaces';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const grepAt = args.indexOf('--grep');
  const workspace = copyExamples({ name: 'test-electron' });
  try {
    const code = await runTests({
      version: process.env.MD_VSCODE_VERSION ?? 'stable',
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: join(repoRoot, 'test', 'vscode', 'out', 'suite', 'index.js'),
      extensionTestsEnv: grepAt >= 0 ? { MD_VSCODE_TEST_GREP: args[grepAt + 1] } : {},
      launchArgs: [workspace.dir, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
    });
    workspace.remove();
    return code;
  } catch (error) {
    console.error(`[test-electron] failed: ${(error as Error).message}\nworkspace kept at ${workspace.dir}`);
    return 1;
  }
}

main().then((code) => process.exit(code));
