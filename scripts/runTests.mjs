// Runs the node:test suites (unit engine tests and the language-server tests) with tsx.
// Node 20's --test does not expand globs, so we list the files ourselves.
// Usage: node scripts/runTests.mjs [folder or file ...]   (default: test/unit test/lsp)
import { readdirSync, statSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test/unit', 'test/lsp'];
const files = [];
const walk = (dir) => {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (/\.test\.ts$/.test(name)) files.push(p);
  }
};
for (const r of roots) if (existsSync(r)) (statSync(r).isDirectory() ? walk(r) : files.push(r));
if (!files.length) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
