/** Attribution: global importance with 95% CIs, the beeswarm, method agreement and the quality grade. */
import { fmt } from '../../../server/cli/formatters/formatNumber';
import { makeChart } from '../../shared/charts';
import { chartBox, h, table } from '../../shared/dom';
import { attributionOf, interactionsOf, type Attribution, type Quality } from '../../shared/reportModel';
import { mix, withAlpha } from '../../shared/theme';
import { beeswarmPoints, importanceBars, methodRanks } from '../data/attributionData';
import type { SectionContext } from '../sectionContext';
import { ciMax } from '../data/sliceData';

export function attributionSection(ctx: SectionContext): HTMLElement {
  const a = attributionOf(ctx.model);
  if (!a) return h('p', { class: 'muted' }, 'No attribution for this model (it was not analysed far enough; see the findings).');
  const bars = importanceBars(a.global);
  return h(
    'div',
    {},
    h('p', { class: 'facts' }, `Method: ${a.method}${a.space ? ` · space: ${a.space}` : ''}`),
    qualityCard(a.quality),
    h('h3', {}, 'Global importance (mean |φ|, 95% CI)'),
    importanceChart(ctx, bars.labels, bars.values, bars.intervals),
    beeswarm(ctx, a, bars.labels),
    agreement(a),
    interactions(ctx),
  );
}

function importanceChart(ctx: SectionContext, labels: readonly string[], values: readonly number[], intervals: readonly (readonly [number, number] | null)[]): HTMLElement {
  const { box, canvas } = chartBox('Global feature importance with 95% confidence intervals', 40 + 26 * labels.length);
  const p = ctx.palette;
  makeChart(canvas, {
    type: 'bar',
    data: { labels: [...labels], datasets: [{ label: 'importance', data: [...values], backgroundColor: withAlpha(p.blue, 0.75), borderColor: p.blue, borderWidth: 1 }] },
    options: {
      indexAxis: 'y',
      scales: { x: { beginAtZero: true, suggestedMax: ciMax(intervals, values), title: { display: true, text: 'mean |φ|' } } },
      plugins: {
        legend: { display: false },
        errorBars: { datasetIndex: 0, intervals, color: p.foreground },
        tooltip: { callbacks: { label: (item) => { const iv = intervals[item.dataIndex]; return `${fmt(values[item.dataIndex])}${iv ? ` (95% CI ${fmt(iv[0])} – ${fmt(iv[1])})` : ''}`; } } },
      },
    },
  });
  return box;
}

function beeswarm(ctx: SectionContext, a: Attribution, order: readonly string[]): HTMLElement | undefined {
  if (!a.beeswarm?.values.length) return undefined;
  const { features, points } = beeswarmPoints(a.beeswarm, order);
  const p = ctx.palette;
  const { box, canvas } = chartBox('Beeswarm: per-row attributions, coloured by the feature value', 50 + 34 * features.length);
  const colour = (t: number | null): string => (t === null ? withAlpha(p.muted, 0.6) : withAlpha(mix(p.blue, p.red, t), 0.8));
  makeChart(canvas, {
    type: 'scatter',
    data: {
      datasets: [{ label: 'rows', data: points.flat().map((q) => ({ x: q.x, y: q.y, v: q.value })), pointRadius: 2.2, borderWidth: 0, backgroundColor: points.flat().map((q) => colour(q.t)) }],
    },
    options: {
      scales: {
        x: { type: 'linear', title: { display: true, text: `φ (${a.space ?? a.method})` } },
        y: { type: 'linear', reverse: true, min: -0.6, max: features.length - 0.4, afterBuildTicks: (s) => { s.ticks = features.map((_, i) => ({ value: i })); }, ticks: { callback: (v) => features[Number(v)] ?? '' }, grid: { display: false } },
      },
      plugins: {
        legend: { display: false },
        refLines: { lines: [{ axis: 'x', value: 0, color: p.muted, dash: [2, 3] }] },
        tooltip: { callbacks: { label: (item) => { const raw = item.raw as { x: number; y: number; v: number | null }; return `${features[Math.round(raw.y)]}: φ ${fmt(raw.x)}, value ${raw.v === null ? 'missing' : fmt(raw.v)}`; } } },
      },
    },
  });
  const legend = h('div', { class: 'gradient-legend' }, h('span', {}, 'low'), h('span', { class: 'gradient', 'aria-hidden': 'true' }), h('span', {}, 'high feature value'));
  const grad = legend.querySelector('.gradient') as HTMLElement;
  grad.style.background = `linear-gradient(to right, ${p.blue}, ${p.red})`;
  return h('div', {}, h('h3', {}, `Beeswarm (${a.beeswarm.values.length} explained rows)`), legend, box);
}

function agreement(a: Attribution): HTMLElement | undefined {
  const rows = a.quality?.agreement ?? [];
  const { methods, rows: ranks } = methodRanks(a);
  if (!rows.length && !methods.length) return undefined;
  return h(
    'div',
    {},
    h('h3', {}, 'Method agreement'),
    rows.length ? table(['methods', 'Spearman ρ', 'Kendall τ'], rows.map((r) => [r.methods.join(' vs '), fmt(r.spearman), fmt(r.kendall)]), 'Rank correlation of global importance between methods') : undefined,
    methods.length ? table(['feature', `rank (${a.method})`, ...methods.map((m) => `rank (${m})`)], ranks.map((r) => [r.feature, String(r.rank), ...methods.map((m) => (r.others[m] === undefined ? '–' : String(r.others[m])))])) : undefined,
  );
}

function qualityCard(q: Quality | undefined): HTMLElement | undefined {
  if (!q) return undefined;
  const grade = typeof q.grade === 'string' ? q.grade : '?';
  const item = (label: string, value: string, hint: string) => h('div', { class: 'metric' }, h('div', { class: 'metric-label' }, label), h('div', { class: 'metric-value' }, value), h('div', { class: 'muted small' }, hint));
  const sanity = q.sanity;
  return h(
    'div',
    { class: 'quality', 'aria-label': 'Attribution quality' },
    h('div', { class: `grade grade-${grade.replace(/[^A-Za-z]/g, '')}`, title: 'Quality grade' }, grade),
    item('efficiency', q.efficiencyMaxAbsError === undefined ? '–' : fmt(q.efficiencyMaxAbsError), 'max |Σφ + base − f(x)|'),
    item('stability', q.rankStability?.meanKendall === undefined ? '–' : fmt(q.rankStability.meanKendall), 'mean Kendall τ over bootstrap'),
    item('sanity', sanity ? `${sanity.pass ? 'pass' : 'FAIL'} (${fmt(sanity.similarity)})` : '–', sanity?.threshold !== undefined ? `similarity to randomised model < ${fmt(sanity.threshold)}` : 'model randomisation test'),
    item('explained rows', q.explainedRows === undefined ? '–' : String(q.explainedRows), typeof q.background === 'string' ? `background: ${q.background}` : ''),
  );
}

function interactions(ctx: SectionContext): HTMLElement | undefined {
  const list = interactionsOf(ctx.model);
  if (!list.length) return undefined;
  return h('div', {}, h('h3', {}, "Interactions (Friedman's H)"), table(['pair', 'H'], list.map((i) => [`${i.features[0]} × ${i.features[1]}`, fmt(i.h)])));
}
