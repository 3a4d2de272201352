// Bundles the extension-host mocha suite (test/vscode/suite/index.ts and the tests it imports)
// into test/vscode/out/suite/index.js, the file both runners pass as extensionTestsPath.
// `vscode` is provided by the extension host; mocha is resolved from the repo's node_modules at
// run time (its reporters are loaded by dynamic require, which a bundle cannot see).
// Usage: node test/vscode/build.mjs
import * as esbuild from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

await esbuild.build({
  entryPoints: { index: join(here, 'suite', 'index.ts') },
  outdir: join(here, 'out', 'suite'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  sourcesContent: false,
  external: ['vscode', 'mocha'],
  // jsonc-parser's UMD build requires files esbuild cannot see; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
});
console.log(`[vscode-suite] bundled ${join('test', 'vscode', 'out', 'suite', 'index.js')}`);
