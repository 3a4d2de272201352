/** Leakage & fairness: findings grouped by id with their evidence numbers, and per-group fairness tables. */
import { findingDocUrl, type WireFinding } from '../../../protocol/protocol';
import { fmt } from '../../../server/cli/formatters/formatNumber';
import { h, table } from '../../shared/dom';
import { evidenceEntries, fairnessTables, groupFindings, type EvidenceValue, type FairnessTable, type RateCell } from '../data/findingData';
import type { SectionContext } from '../sectionContext';

const ICON = { error: '✖', warning: '⚠', info: 'ℹ' } as const;

export function leakageSection(ctx: SectionContext): HTMLElement {
  const slices = ctx.model.findings.filter((f) => f.id === 'jagged.slice').length;
  const groups = groupFindings(ctx.model.findings, ['jagged.slice']);
  const fairness = fairnessTables(ctx.model.findings);
  return h(
    'div',
    {},
    groups.length ? undefined : h('p', {}, 'No leakage, Goodhart or fairness findings for this model.'),
    slices ? h('p', { class: 'muted' }, `${slices} jagged.slice findings are in `, h('button', { type: 'button', class: 'link', onclick: () => ctx.update({ section: 'slices' }) }, 'Slices'), '.') : undefined,
    ...groups.map((g) =>
      h(
        'section',
        { class: 'finding-group', 'aria-label': g.id },
        h('h3', {}, h('span', { class: `sev-${g.worst}` }, ICON[g.worst]), ' ', h('code', {}, g.id), ` (${g.findings.length})`, ' ', h('a', { href: findingDocUrl(g.id), class: 'muted small' }, 'docs')),
        ...g.findings.map((f) => findingCard(ctx, f)),
      ),
    ),
    ...fairness.map(fairnessTable),
    folderFindings(ctx),
  );
}

function findingCard(ctx: SectionContext, f: WireFinding): HTMLElement {
  const entries = evidenceEntries(f.evidence);
  const loc = f.location;
  return h(
    'article',
    { class: `finding${f.ignored ? ' ignored' : ''}` },
    h(
      'p',
      {},
      h('span', { class: `sev-${f.severity}` }, `${ICON[f.severity]} ${f.severity}`),
      f.feature ? h('span', {}, ' · ', h('code', {}, f.feature)) : f.features ? h('span', {}, ' · ', h('code', {}, f.features.join(', '))) : undefined,
      loc ? h('span', {}, ' · ', h('a', { href: '#', class: 'file', onclick: (e: Event) => (e.preventDefault(), ctx.openFile(loc.file, loc.line, loc.column)) }, `${loc.file}${loc.line ? `:${loc.line}` : ''}`)) : undefined,
    ),
    h('p', {}, f.message),
    f.ignored ? h('p', { class: 'muted' }, `Ignored: ${f.ignored.reason}`) : undefined,
    entries.length ? h('dl', { class: 'evidence' }, ...entries.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, show(v))])) : undefined,
  );
}

function show(v: EvidenceValue): string {
  if (typeof v === 'number') return fmt(v);
  if (typeof v === 'boolean' || typeof v === 'string') return String(v);
  return `[${v.map((x) => fmt(x)).join(', ')}]`;
}

function fairnessTable(t: FairnessTable): HTMLElement {
  const rate = (r?: RateCell): string => (r ? `${fmt(r.value)}${r.ci ? ` [${fmt(r.ci[0])}, ${fmt(r.ci[1])}]` : ''}` : '–');
  return h(
    'section',
    { class: 'fairness' },
    h('h3', {}, `Fairness groups by ${t.grouping}`),
    table(
      ['group', 'rows', 'selection rate', 'TPR', 'FPR', 'calibration gap', 'mean prediction', 'mean outcome'],
      t.rows.map((r) => [r.group, String(r.n), rate(r.selectionRate), rate(r.tpr), rate(r.fpr), fmt(r.calibrationGap), fmt(r.meanPrediction), fmt(r.meanOutcome)]),
    ),
    t.gaps.length ? table(['group', 'metric', 'gap vs the rest', 'z', 'q', 'rows'], t.gaps.map((g) => [g.group, g.metric, fmt(g.gap), fmt(g.z), fmt(g.q), g.n === undefined ? '–' : String(g.n)]), 'Significant gaps (Benjamini–Hochberg q ≤ 0.05)', [0, 1]) : undefined,
  );
}

/** Input problems of the folder (config, discovery) with their locations. */
function folderFindings(ctx: SectionContext): HTMLElement | undefined {
  if (!ctx.report.findings.length) return undefined;
  return h('section', { class: 'finding-group' }, h('h3', {}, `Input problems of the folder (${ctx.report.findings.length})`), ...ctx.report.findings.map((f) => findingCard(ctx, f)));
}
