import type { Finding } from '../../results/finding';
import type { CheckReport, ModelReport } from '../../results/report';
import { escapeHtml as esc, neutraliseFormula } from './escape';
import { fmt, fmtMetric, metricNumber } from './formatNumber';

/**
 * A self-contained HTML report (inline CSS and SVG charts, no scripts, no remote resources)
 * that opens from disk, in CI artefacts or an e-mail.
 */
export function formatHtml(report: CheckReport): string {
  const body = [
    `<h1>Model Diagnostics</h1><p class="muted">${esc(report.root)} · report format ${esc(report.version)}</p>`,
    report.findings.length ? `<section><h2>Input problems</h2>${findingList(report.findings)}</section>` : '',
    ...report.models.map(modelSection),
    report.models.length ? '' : '<p>No model analysed. Add a modeldiag.json or put .onnx files next to data whose columns match.</p>',
  ].join('\n');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Model Diagnostics report</title>
<style>
:root { color-scheme: light dark; --fg: #1f2328; --bg: #fff; --muted: #656d76; --line: #d0d7de; --bar: #0969da; --err: #cf222e; --warn: #9a6700; }
@media (prefers-color-scheme: dark) { :root { --fg: #e6edf3; --bg: #0d1117; --muted: #8d96a0; --line: #30363d; --bar: #4493f8; --err: #f85149; --warn: #d29922; } }
body { font: 14px/1.5 system-ui, sans-serif; color: var(--fg); background: var(--bg); max-width: 1100px; margin: 2rem auto; padding: 0 1rem; }
table { border-collapse: collapse; margin: .5rem 0 1rem; } th, td { border-bottom: 1px solid var(--line); padding: .25rem .75rem; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; } .muted { color: var(--muted); }
section { border-top: 1px solid var(--line); margin-top: 1.5rem; } .sev-error { color: var(--err); } .sev-warning { color: var(--warn); }
svg text { fill: var(--fg); font-size: 12px; } svg .bar { fill: var(--bar); } svg .ci { stroke: var(--fg); }
</style></head><body>
${body}
</body></html>
`;
}

function modelSection(m: ModelReport): string {
  const names = [...new Set(Object.values(m.metrics).flatMap((s) => Object.keys(s)))];
  const metrics = `<table><tr><th>split</th>${names.map((n) => `<th>${esc(n)}</th>`).join('')}</tr>${Object.entries(m.metrics)
    .map(([split, s]) => `<tr><td>${esc(split)}</td>${names.map((n) => `<td class="num">${s[n] === undefined ? '' : fmtMetric(s[n])}</td>`).join('')}</tr>`)
    .join('')}</table>`;
  const attribution = m.attribution?.global.length
    ? `<h3>Attribution <span class="muted">(${esc(m.attribution.method)}${m.attribution.space ? `, ${esc(m.attribution.space)}` : ''})</span></h3>${barChart(
        [...m.attribution.global].sort((a, b) => b.importance - a.importance).map((g) => ({ label: g.feature, value: g.importance, ci: g.ci })),
      )}`
    : '';
  const slices = m.slices?.length
    ? `<h3>Slices</h3><table><tr><th>slice</th><th>size</th><th>${esc(m.slices[0].metric)}</th><th>baseline</th><th>q</th></tr>${m.slices
        .map((s) => `<tr><td>${esc(neutraliseFormula(s.predicates.map((p) => `${p.feature} ${p.op} ${JSON.stringify(p.value)}`).join(' ∧ ')))}</td><td class="num">${s.size}</td><td class="num">${fmt(s.value)}</td><td class="num">${fmt(s.baseline)}</td><td class="num">${fmt(s.qValue)}</td></tr>`)
        .join('')}</table>`
    : '';
  const headline = Object.entries(m.metrics.test ?? m.metrics.train ?? {})
    .slice(0, 2)
    .map(([k, v]) => `${esc(k)} ${fmt(metricNumber(v))}`)
    .join(' · ');
  return `<section><h2>${esc(m.name)}</h2><p class="muted">${esc(m.task)} · target <code>${esc(m.target)}</code> · ${m.features.length} features · ${esc(m.model)} · ${headline}</p>
${metrics}${attribution}${slices}<h3>Findings</h3>${m.findings.length ? findingList(m.findings) : '<p>None.</p>'}</section>`;
}

function findingList(findings: readonly Finding[]): string {
  return `<ul>${findings
    .map((f) => `<li><strong class="sev-${f.severity}">${f.severity}</strong> <code>${esc(f.id)}</code>${f.feature ? ` <em>${esc(f.feature)}</em>` : ''}: ${esc(f.message)}${f.ignored ? ` <span class="muted">(ignored: ${esc(f.ignored.reason)})</span>` : ''}</li>`)
    .join('')}</ul>`;
}

function barChart(rows: { label: string; value: number; ci?: readonly [number, number] }[]): string {
  const shown = rows.slice(0, 20);
  const max = Math.max(1e-12, ...shown.map((r) => Math.max(r.value, r.ci?.[1] ?? 0)));
  const left = 160;
  const width = 420;
  const h = 20;
  const bars = shown
    .map((r, i) => {
      const y = i * h;
      const w = (Math.max(0, r.value) / max) * width;
      const ci = r.ci ? `<line class="ci" x1="${left + (Math.max(0, r.ci[0]) / max) * width}" x2="${left + (r.ci[1] / max) * width}" y1="${y + h / 2}" y2="${y + h / 2}"/>` : '';
      return `<text x="${left - 6}" y="${y + 14}" text-anchor="end">${esc(r.label)}</text><rect class="bar" x="${left}" y="${y + 3}" width="${w.toFixed(1)}" height="${h - 6}"/>${ci}<text x="${left + w + 4}" y="${y + 14}">${fmt(r.value)}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="feature importance" width="${left + width + 80}" height="${shown.length * h}">${bars}</svg>`;
}
