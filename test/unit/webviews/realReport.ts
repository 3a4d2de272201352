/** The CLI's JSON report on examples/ (built once per test file): the real data the webviews draw. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { WireCheckReport, WireModelReport } from '../../../protocol/protocol';
import { REPO } from '../../helpers/fixtures';

export const CLI = join(REPO, 'dist', 'cli.js');
export const NO_CLI = !existsSync(CLI) && 'run npm run build first';

let cached: WireCheckReport | undefined;

export function examplesReport(): WireCheckReport {
  if (cached) return cached;
  const r = spawnSync(process.execPath, [CLI, 'check', join(REPO, 'examples'), '--format', 'json', '--fail-on', 'never'], { encoding: 'utf8', timeout: 300_000, maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`check examples failed (${String(r.status)}): ${r.stderr}`);
  cached = JSON.parse(r.stdout) as WireCheckReport;
  return cached;
}

export function model(report: WireCheckReport, name: string): WireModelReport {
  const m = report.models.find((x) => x.name === name);
  if (!m) throw new Error(`no model ${name} in the examples report (models: ${report.models.map((x) => x.name).join(', ')})`);
  return m;
}
