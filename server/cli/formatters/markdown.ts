import type { CheckReport } from '../../results/report';
import { escapeMarkdown as esc, markdownCell as cell, markdownCode as code } from './escape';
import { fmt, fmtMetric } from './formatNumber';

/** GitHub-flavoured Markdown: one section per model with metrics, top features, slices and findings. */
export function formatMarkdown(report: CheckReport): string {
  const out: string[] = ['# Model Diagnostics report', ''];
  if (report.findings.length) {
    out.push('## Input problems', '', '| severity | id | where | message |', '|---|---|---|---|');
    for (const f of report.findings) out.push(`| ${f.severity} | \`${f.id}\` | ${cell(`${f.location?.file ?? ''}${f.location?.line ? `:${f.location.line}` : ''}`)} | ${cell(f.message)} |`);
    out.push('');
  }
  for (const m of report.models) {
    out.push(`## ${esc(m.name)}`, '', `${esc(m.task)} · target ${code(m.target)} · ${m.features.length} features · model ${code(m.model)}`, '');
    const names = [...new Set(Object.values(m.metrics).flatMap((s) => Object.keys(s)))];
    out.push(`| split | ${names.map(cell).join(' | ')} |`, `|---|${names.map(() => '---').join('|')}|`);
    for (const [split, s] of Object.entries(m.metrics)) out.push(`| ${cell(split)} | ${names.map((n) => (s[n] === undefined ? '' : fmtMetric(s[n]))).join(' | ')} |`);
    out.push('');
    if (m.attribution?.global.length) {
      out.push(`### Attribution (${esc(m.attribution.method)})`, '', '| feature | importance | 95% CI |', '|---|---|---|');
      for (const g of [...m.attribution.global].sort((a, b) => b.importance - a.importance)) out.push(`| ${cell(g.feature)} | ${fmt(g.importance)} | ${g.ci ? `${fmt(g.ci[0])} – ${fmt(g.ci[1])}` : ''} |`);
      out.push('');
    }
    if (m.slices?.length) {
      out.push('### Slices', '', '| slice | size | metric | value | baseline | q |', '|---|---|---|---|---|---|');
      for (const s of m.slices) out.push(`| ${cell(s.predicates.map((p) => `${p.feature} ${p.op} ${JSON.stringify(p.value)}`).join(' AND '))} | ${s.size} | ${cell(s.metric)} | ${fmt(s.value)} | ${fmt(s.baseline)} | ${fmt(s.qValue)} |`);
      out.push('');
    }
    out.push('### Findings', '');
    if (!m.findings.length) out.push('None.');
    for (const f of m.findings) out.push(`- **${f.severity}** \`${f.id}\`${f.feature ? ` (${esc(f.feature)})` : ''}: ${esc(f.message)}${f.ignored ? ` _(ignored: ${esc(f.ignored.reason)})_` : ''}`);
    out.push('');
  }
  return out.join('\n');
}
