import type { Finding } from '../../results/finding';
import type { CheckReport } from '../../results/report';
import { terminalSafe } from './escape';
import { fmt, fmtMetric } from './formatNumber';

const ICON: Record<string, string> = { error: '✖', warning: '⚠', info: 'ℹ' };

/** Human-readable report for the terminal. */
export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const f of report.findings) lines.push(findingLine(f));
  if (report.findings.length) lines.push('');
  if (!report.models.length) lines.push(`No model analysed in ${report.root}. Add a modeldiag.json or put .onnx files next to data whose columns match.`);
  for (const m of report.models) {
    lines.push(`● ${m.name}  (${m.task}, target "${m.target}", ${m.features.length} features)`);
    lines.push(`  model ${m.model}   data ${[m.data.train && `train ${m.data.train}`, m.data.test && `test ${m.data.test}`].filter(Boolean).join(', ')}`);
    for (const [split, metrics] of Object.entries(m.metrics)) {
      lines.push(`  ${split.padEnd(5)} ${Object.entries(metrics).map(([k, v]) => `${k} ${fmtMetric(v)}`).join('  ')}`);
    }
    if (m.attribution?.global.length) {
      const top = [...m.attribution.global].sort((a, b) => b.importance - a.importance).slice(0, 5);
      lines.push(`  top features (${m.attribution.method}): ${top.map((g) => `${g.feature} ${fmt(g.importance)}`).join(', ')}`);
    }
    if (m.slices?.length) {
      const s = m.slices[0];
      lines.push(`  worst slice: ${s.predicates.map((p) => `${p.feature} ${p.op} ${JSON.stringify(p.value)}`).join(' AND ')} — ${s.metric} ${fmt(s.value)} vs ${fmt(s.baseline)} (n=${s.size}, q=${fmt(s.qValue)})`);
    }
    const shown = m.findings.filter((f) => !f.ignored);
    if (!shown.length) lines.push('  no findings');
    for (const f of shown) lines.push(`  ${findingLine(f)}`);
    const ignored = m.findings.length - shown.length;
    if (ignored) lines.push(`  (${ignored} finding(s) ignored in modeldiag.json)`);
    lines.push('');
  }
  // Names and messages come from data: no control character reaches the terminal.
  return lines.map(terminalSafe).join('\n');
}

function findingLine(f: Finding): string {
  const where = f.location ? `${f.location.file}${f.location.line ? `:${f.location.line}:${f.location.column ?? 1}` : ''} ` : '';
  return `${ICON[f.severity] ?? '-'} ${where}${f.id}${f.feature ? ` [${f.feature}]` : ''}: ${f.message}`;
}
