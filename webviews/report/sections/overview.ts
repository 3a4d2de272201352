/** Overview: the model's metrics per split, its reliability diagram, and the findings at a glance. */
import type { WireMetricValue } from '../../../protocol/protocol';
import { fmt } from '../../../server/cli/formatters/formatNumber';
import { makeChart } from '../../shared/charts';
import { chartBox, h, table } from '../../shared/dom';
import { calibrationOf, jaggednessOf } from '../../shared/reportModel';
import { withAlpha } from '../../shared/theme';
import { reliabilityPoints } from '../data/calibrationData';
import type { SectionContext } from '../sectionContext';

export function overviewSection(ctx: SectionContext): HTMLElement {
  const m = ctx.model;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of m.findings) if (!f.ignored) counts[f.severity]++;
  const link = (label: string, file: string | undefined) => (file ? h('a', { href: '#', class: 'file', onclick: (e: Event) => (e.preventDefault(), ctx.openFile(file)) }, label, ' ', file) : undefined);
  const facts = h(
    'p',
    { class: 'facts' },
    `${m.task} · target `,
    h('code', {}, m.target),
    ` · ${m.features.length} features · `,
    link('model', m.model),
    m.data.train ? ' · ' : '',
    link('train', m.data.train),
    m.data.test ? ' · ' : '',
    link('test', m.data.test),
  );
  const jag = jaggednessOf(m);
  return h(
    'div',
    {},
    facts,
    h('p', { class: 'counts' }, h('span', { class: 'sev-error' }, `${counts.error} errors`), ' · ', h('span', { class: 'sev-warning' }, `${counts.warning} warnings`), ' · ', `${counts.info} notes`),
    h('h3', {}, 'Metrics'),
    metricsTable(m.metrics),
    jag && typeof jag.metric === 'string' && typeof jag.worstSliceGap === 'number'
      ? h('p', { class: 'muted' }, `Jaggedness: the worst slice's ${jag.metric} is ${fmt(jag.worstSliceGap)} above the overall ${fmt(typeof jag.overall === 'number' ? jag.overall : undefined)}; ${String(jag.significantSlices ?? 0)} of ${String(jag.evaluatedSlices ?? 0)} slices significant.`)
      : undefined,
    reliability(ctx),
  );
}

function metricsTable(metrics: Readonly<Record<string, Readonly<Record<string, WireMetricValue>>>>): HTMLElement {
  const names = [...new Set(Object.values(metrics).flatMap((s) => Object.keys(s)))];
  const cell = (v: WireMetricValue | undefined): string => (v === undefined ? '' : typeof v === 'number' ? fmt(v) : `${fmt(v.value)} [${fmt(v.ci[0])}, ${fmt(v.ci[1])}]`);
  return table(['split', ...names], Object.entries(metrics).map(([split, s]) => [split, ...names.map((n) => cell(s[n]))]));
}

function reliability(ctx: SectionContext): HTMLElement | undefined {
  const curves = calibrationOf(ctx.model);
  const splits = Object.keys(curves);
  if (!splits.length) return ctx.model.task === 'classification' ? h('p', { class: 'muted' }, 'No reliability diagram: calibration is computed for binary classifiers.') : undefined;
  const { box, canvas } = chartBox('Reliability diagram: observed frequency against mean predicted probability per bin', 320);
  const p = ctx.palette;
  const colours = [p.blue, p.orange, p.green, p.purple];
  makeChart(canvas, {
    type: 'scatter',
    data: {
      datasets: [
        { type: 'line', label: 'perfect calibration', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], borderColor: p.muted, borderDash: [4, 4], pointRadius: 0, borderWidth: 1 },
        ...splits.map((split, i) => {
          const pts = reliabilityPoints(curves[split]);
          const c = colours[i % colours.length];
          return { type: 'line' as const, label: split, data: pts.map((q) => ({ x: q.x, y: q.y, count: q.count })), pointRadius: pts.map((q) => q.r), borderColor: c, backgroundColor: withAlpha(c, 0.5), showLine: true, borderWidth: 1.5 };
        }),
      ],
    },
    options: {
      scales: {
        x: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'mean predicted P(positive)' } },
        y: { type: 'linear', min: 0, max: 1, title: { display: true, text: 'observed frequency' } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (item) => {
              const raw = item.raw as { x: number; y: number; count?: number };
              return `${item.dataset.label ?? ''}: predicted ${fmt(raw.x)}, observed ${fmt(raw.y)}${raw.count !== undefined ? `, ${raw.count} rows` : ''}`;
            },
          },
        },
      },
    },
  });
  return h('div', {}, h('h3', {}, 'Reliability diagram'), h('p', { class: 'muted' }, 'Equal-width bins of the predicted probability; point area ∝ rows in the bin.'), box);
}
