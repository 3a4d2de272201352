import type { ReportFocus } from '../../protocol/protocol';
import type { Finding } from '../results/finding';
import type { GlobalImportance } from '../results/report';
import type { FolderModel, ReferenceFinding } from './folderModel';
import { sparkline } from './sparkline';

/** Builds a `command:` link (the client trusts command links in hovers). */
export type CommandLink = (title: string, command: string, args: ReportFocus) => string;

const OPEN_REPORT = 'modelDiagnostics.openReport';

/**
 * A hover for a feature of one model: importance rank and value with its interval, the
 * permutation importance, a sparkline of its partial-dependence curve, the leakage/proxy
 * scores behind its findings, and links that open the report there.
 */
export function featureHover(name: string, model: FolderModel, findings: readonly ReferenceFinding[], folderUri: string, link: CommandLink): string {
  const report = model.report;
  const lines: string[] = [`**${name}** · model \`${model.name}\``, ''];
  if (!model.features.includes(name)) {
    lines.push(`Not an input of \`${model.name}\`: a column of its data${name === model.target ? ' (the label)' : ''}. Data-only checks:`);
  } else if (!report) {
    lines.push('No analysis yet (see the status bar).');
  }
  const rows: [string, string][] = [];
  const attribution = report?.attribution;
  const global = attribution?.global.find((g) => g.feature === name);
  if (attribution && global) {
    const space = attribution.space ? `, ${attribution.space.split(' ')[0]} space` : '';
    rows.push(['Importance', `rank ${global.rank ?? rankOf(attribution.global, name)} of ${attribution.global.length} · mean |φ| ${num(global.importance)}${ci(global.ci)} (${attribution.method}${space})`]);
  }
  for (const [method, list] of Object.entries(attribution?.methods ?? {})) {
    const g = list.find((x) => x.feature === name);
    if (g) rows.push([capitalise(method), `${num(g.importance)}${ci(g.ci)} · rank ${g.rank ?? rankOf(list, name)}`]);
  }
  const pdp = report?.shapes?.find((s) => s.feature === name && s.kind === 'pdp');
  if (pdp) {
    const first = pdp.labels?.[0] ?? String(pdp.grid[0]);
    const last = pdp.labels?.[pdp.labels.length - 1] ?? String(pdp.grid[pdp.grid.length - 1]);
    rows.push(['Shape (PDP)', `\`${sparkline(pdp.values)}\` ${first} → ${last} (${num(Math.min(...pdp.values))} … ${num(Math.max(...pdp.values))})`]);
  }
  for (const r of findings) {
    const score = scoreOf(r.finding);
    rows.push([`\`${r.finding.id}\` ${r.finding.severity}${r.live ? ' (data-only)' : ''}`, score || firstSentence(r.finding.message)]);
  }
  if (rows.length) {
    lines.push('| | |', '|---|---|');
    for (const [k, v] of rows) lines.push(`| ${k} | ${v.replace(/\|/g, '\\|')} |`);
  }
  if (report) {
    const base: ReportFocus = { folder: folderUri, model: model.name };
    const links = [link('Open report', OPEN_REPORT, { ...base, section: 'attribution' })];
    if (pdp) links.push(link('Shape curves', OPEN_REPORT, { ...base, section: 'shapes' }));
    if (findings.some((f) => f.finding.id.startsWith('leak.') || f.finding.id.startsWith('goodhart.'))) links.push(link('Leakage', OPEN_REPORT, { ...base, section: 'leakage' }));
    lines.push('', links.join(' · '));
  }
  return lines.join('\n');
}

/** The numbers behind a leakage/proxy finding, in one line. */
export function scoreOf(f: Finding): string {
  const e = f.evidence;
  const parts: string[] = [];
  const put = (label: string, key: string, digits = 3): void => {
    const v = e[key];
    if (typeof v === 'number' && Number.isFinite(v)) parts.push(`${label} ${v.toFixed(digits)}`);
  };
  if (f.id === 'leak.proxy' && typeof e.sensitive === 'string') parts.push(`proxy for '${e.sensitive}'`);
  put('AUC', 'auc');
  put('R²', 'r2');
  put('power', 'power');
  put('proxy score', 'proxy_score');
  put('× runner-up', 'ratio_to_runner_up', 1);
  put('reliance share', 'reliance_share');
  put('unique share', 'unique_share');
  return parts.join(' · ');
}

function rankOf(list: readonly GlobalImportance[], name: string): number {
  return [...list].sort((a, b) => b.importance - a.importance).findIndex((g) => g.feature === name) + 1;
}

function num(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  const a = Math.abs(x);
  return a !== 0 && (a < 1e-3 || a >= 1e5) ? x.toExponential(2) : x.toFixed(a < 0.1 ? 4 : 3);
}

function ci(c: readonly [number, number] | undefined): string {
  return c ? ` (95% CI ${num(c[0])}–${num(c[1])})` : '';
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

function firstSentence(s: string): string {
  const i = s.indexOf('. ');
  return i > 0 ? s.slice(0, i + 1) : s;
}
