// Bundles the four entry points (esbuild-sample shape; type checking is `npm run typecheck`):
//  extension (node/cjs, `vscode` external), language server + analysis worker + CLI (node/cjs,
//  onnxruntime-node external: its native binaries ship in node_modules inside the VSIX),
//  webviews (browser/iife).
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync('package.json', 'utf8'));

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  define: { __VERSION__: JSON.stringify(version) },
};

const node = {
  ...common,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'onnxruntime-node'],
  // jsonc-parser's UMD build requires files esbuild cannot see; its ESM build bundles cleanly.
  mainFields: ['module', 'main'],
};

const builds = [
  { ...node, entryPoints: { cli: 'server/cli/main.ts' }, outdir: 'dist', banner: { js: '#!/usr/bin/env node' } },
];
const optional = [
  { ...node, entryPoints: { extension: 'extension/main.ts' }, outdir: 'dist' },
  { ...node, entryPoints: { server: 'server/lsp/main.ts', analysisWorker: 'server/worker/analysisWorker.ts', exportWorker: 'server/worker/exportWorker.ts', langWorker: 'server/worker/langWorker.ts' }, outdir: 'dist' },
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: { report: 'webviews/report/main.ts', modelCard: 'webviews/modelCard/main.ts' }, outdir: 'dist/webviews' },
];
import { existsSync } from 'node:fs';
for (const b of optional) if (Object.values(b.entryPoints).every((p) => existsSync(p))) builds.push(b);

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
