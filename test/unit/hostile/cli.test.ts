/**
 * The file-level hostile cases through the built CLI: `explain --model M --data D` pairs each
 * broken file with a valid partner and must exit 2 with `error: <file>…: <message>`, no stack
 * trace and no "internal error", within the time bound. Needs `npm run build`.
 */
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { writeModel, baseModel, writeValidCsv } from './baseModels';
import { runCli, pool, REPO } from './cliRun';
import { corpus } from './corpus';
import { caseFolder } from './runCase';

/** A hang detector, not a speed target: a case normally ends in < 1 s; CI machines may be loaded (2 cores, tests in parallel). */
const CLI_TIME_BOUND_MS = 30_000;
const cases = corpus.filter((c) => c.cli && c.expect !== 'ok');

test(`${cases.length} file-level hostile cases exit 2 with a clear message through the CLI`, { skip: !existsSync(join(REPO, 'dist/cli.js')) && 'run npm run build first' }, async () => {
  const results = await pool(
    cases.map((c, i) => async () => {
      const dir = caseFolder(1000 + i);
      const path = await c.build(dir);
      const partner = c.target === 'data' ? writeModel(dir, 'partner.onnx', baseModel()) : writeValidCsv(dir, 'partner.csv');
      const [model, data] = c.target === 'data' ? [partner, path] : [path, partner];
      const r = await runCli(['explain', '--model', model, '--data', data, '--rows', '0', '--format', 'json'], c.env);
      return { c, r };
    }),
    3,
  );
  const problems: string[] = [];
  for (const { c, r } of results) {
    const where = `${c.category}: ${c.name}`;
    if (r.code !== 2) problems.push(`${where}: exit ${r.code}\n${r.stderr.slice(0, 400)}`);
    else if (!/^error: /.test(r.stderr)) problems.push(`${where}: stderr does not start with "error: ": ${r.stderr.slice(0, 300)}`);
    else if (/\n\s+at |internal error/.test(r.stderr)) problems.push(`${where}: stack trace or internal error:\n${r.stderr.slice(0, 600)}`);
    else if (c.expect instanceof RegExp && !c.expect.test(r.stderr)) problems.push(`${where}: message does not match ${c.expect}: ${r.stderr.slice(0, 300)}`);
    else if (c.line !== undefined && !r.stderr.includes(`:${c.line}`)) problems.push(`${where}: no line ${c.line} in ${r.stderr.slice(0, 300)}`);
    if (r.ms > CLI_TIME_BOUND_MS) problems.push(`${where}: took ${r.ms.toFixed(0)} ms`);
  }
  const slowest = results.reduce((a, b) => (b.r.ms > a.r.ms ? b : a));
  console.log(`CLI: ${results.length} cases, slowest ${slowest.c.name} ${slowest.r.ms.toFixed(0)} ms`);
  assert.deepEqual(problems, []);
});
