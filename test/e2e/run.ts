// Runs the real-VS-Code tests (test/e2e/*.e2e.ts) one file at a time with node's test runner.
// Usage: tsx test/e2e/run.ts [name-filter ...]     (run `bash test/e2e/setup.sh` first)
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readTools, repoRoot } from './harness/tools';

const filters = process.argv.slice(2);
readTools(); // fails early with the setup command when the tools are missing
const dir = join(repoRoot, 'test', 'e2e');
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.e2e.ts'))
  .filter((f) => !filters.length || filters.some((x) => f.includes(x)))
  .sort()
  .map((f) => join(dir, f));
if (!files.length) {
  console.error(`no *.e2e.ts under ${dir}${filters.length ? ` matching ${filters.join(', ')}` : ''}`);
  process.exit(1);
}
// One VS Code at a time: the machine has 2 cores, and each file starts its own code-server.
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=1', ...files], {
  stdio: 'inherit',
  cwd: repoRoot,
});
process.exit(r.status ?? 1);
