// Where setup.sh put the tools: .tools/e2e-tools.json, checked once so that a missing install
// fails with the command that fixes it instead of a deep ENOENT.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const repoRoot = resolve(__dirname, '../../..');
export const resultsDir = join(repoRoot, 'test-results', 'e2e');

export interface E2eTools {
  /** Node 24 binary that runs code-server (and so the extension host and language server). */
  node: string;
  /** Folder of the installed code-server package (has out/node/entry.js). */
  codeServer: string;
  /** Folder of the installed playwright-core package. */
  playwrightCore: string;
  /** Chromium executable (Debian's /usr/bin/chromium here). */
  chromium: string;
}

let cached: E2eTools | undefined;

export function readTools(): E2eTools {
  if (cached) return cached;
  const file = join(repoRoot, '.tools', 'e2e-tools.json');
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: run \`bash test/e2e/setup.sh\` to install code-server, Node 24 and playwright-core.`);
  }
  const tools = JSON.parse(readFileSync(file, 'utf8')) as E2eTools;
  const chromium = process.env.MD_E2E_CHROMIUM || tools.chromium;
  const checks: [string, string][] = [
    ['node', tools.node],
    ['codeServer', join(tools.codeServer, 'out', 'node', 'entry.js')],
    ['playwrightCore', join(tools.playwrightCore, 'package.json')],
    ['chromium (set MD_E2E_CHROMIUM to override)', chromium],
  ];
  for (const [name, path] of checks) {
    if (!path || !existsSync(path)) {
      throw new Error(`${name}: ${path || '(empty)'} does not exist; run \`bash test/e2e/setup.sh\` again.`);
    }
  }
  cached = { ...tools, chromium };
  return cached;
}
