// Runs the extension-host mocha suite (test/vscode/suite) inside code-server, for machines that
// cannot download VS Code. Needs `npm run build` (dist/extension.js) and `bash test/e2e/setup.sh`.
// Usage: tsx test/vscode/runInCodeServer.ts [--grep PATTERN] [--keep-workspace]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readTools, repoRoot } from '../e2e/harness/tools';
import { copyExamples } from '../e2e/harness/workspaces';
import { runSuiteInCodeServer } from './codeServerRunner';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const grepAt = args.indexOf('--grep');
  const grep = grepAt >= 0 ? args[grepAt + 1] : undefined;
  readTools();
  const extensionMain = join(repoRoot, 'dist', 'extension.js');
  if (!existsSync(extensionMain)) {
    console.error(`${extensionMain} is missing: run \`npm run build\` first.`);
    return 2;
  }
  const build = spawnSync(process.execPath, [join(repoRoot, 'test', 'vscode', 'build.mjs')], { stdio: 'inherit', cwd: repoRoot });
  if (build.status !== 0) return build.status ?? 1;

  const workspace = copyExamples({ name: 'vscode-suite' });
  const result = await runSuiteInCodeServer({
    name: 'vscode-suite',
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: join(repoRoot, 'test', 'vscode', 'out', 'suite', 'index.js'),
    workspace: workspace.dir,
    env: grep ? { MD_VSCODE_TEST_GREP: grep } : {},
  });
  if (result.exitCode === 0 && !args.includes('--keep-workspace')) workspace.remove();
  else console.error(`[vscode-suite] workspace kept at ${workspace.dir}`);
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(`[vscode-suite] exit ${result.exitCode}; code-server healthy in ${s(result.codeServerMs)}, suite (workbench open to exit) ${s(result.suiteMs)}`);
  return result.exitCode;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
