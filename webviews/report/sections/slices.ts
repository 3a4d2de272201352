/** Slices: the SliceLine slices as a chart (slice metric with 95% CI against the baseline) and a table. */
import { fmt } from '../../../server/cli/formatters/formatNumber';
import { makeChart } from '../../shared/charts';
import { chartBox, h } from '../../shared/dom';
import { jaggednessOf, slicesOf } from '../../shared/reportModel';
import { withAlpha } from '../../shared/theme';
import { baselines, ciMax, sliceRows, type SliceRow } from '../data/sliceData';
import type { SectionContext } from '../sectionContext';

export function slicesSection(ctx: SectionContext): HTMLElement {
  const rows = sliceRows(slicesOf(ctx.model));
  if (!rows.length) return h('p', { class: 'muted' }, 'No significant slices for this model (or slice search did not run).');
  const p = ctx.palette;
  const selected = ctx.state.slice;
  const base = baselines(rows);
  const { box, canvas } = chartBox('Slice metric with 95% CI against the overall baseline', 50 + 28 * rows.length);
  makeChart(canvas, {
    type: 'bar',
    data: {
      labels: rows.map((r) => `#${r.index + 1} · n=${r.size}`),
      datasets: [{ label: rows[0].metric, data: rows.map((r) => r.value), backgroundColor: rows.map((r) => withAlpha(r.index === selected ? p.orange : p.red, r.index === selected ? 0.9 : 0.55)), borderColor: rows.map((r) => (r.index === selected ? p.orange : p.red)), borderWidth: 1 }],
    },
    options: {
      indexAxis: 'y',
      onClick: (_e, els) => { const el = els[0]; if (el) ctx.update({ slice: rows[el.index].index }); },
      scales: { x: { beginAtZero: true, suggestedMax: ciMax(rows.map((r) => r.ci), rows.map((r) => r.value)), title: { display: true, text: base.map((b) => b.metric).join(', ') } } },
      plugins: {
        legend: { display: false },
        errorBars: { datasetIndex: 0, intervals: rows.map((r) => r.ci), color: p.foreground },
        refLines: { lines: base.map((b) => ({ axis: 'x' as const, value: b.baseline, label: `overall ${fmt(b.baseline)}`, color: p.blue })) },
        tooltip: { callbacks: { title: (items) => (items[0] ? rows[items[0].dataIndex].label : ''), label: (item) => sliceTip(rows[item.dataIndex]) } },
      },
    },
  });
  const jag = jaggednessOf(ctx.model);
  const tableEl = sliceTable(rows, selected, (i) => ctx.update({ slice: i }));
  return h(
    'div',
    {},
    jag && typeof jag.evaluatedSlices === 'number' ? h('p', { class: 'muted' }, `${String(jag.significantSlices ?? rows.length)} significant of ${jag.evaluatedSlices} slices evaluated (SliceLine, Benjamini–Hochberg q-values).`) : undefined,
    box,
    tableEl,
  );
}

function sliceTip(r: SliceRow): string {
  return `${r.metric} ${fmt(r.value)}${r.ci ? ` [${fmt(r.ci[0])}, ${fmt(r.ci[1])}]` : ''} vs ${fmt(r.baseline)} · ${r.size} rows · q ${fmt(r.qValue)}`;
}

function sliceTable(rows: readonly SliceRow[], selected: number | undefined, select: (i: number) => void): HTMLElement {
  const header = ['#', 'slice', 'rows', 'metric', 'value [95% CI]', 'baseline', 'lift', 'q'];
  const body = rows.map((r) =>
    h(
      'tr',
      { class: r.index === selected ? 'selected' : undefined, id: `slice-${r.index}`, 'aria-selected': r.index === selected ? 'true' : undefined },
      h('td', { class: 'num' }, String(r.index + 1)),
      h('td', {}, h('button', { type: 'button', class: 'link', onclick: () => select(r.index), title: 'Highlight this slice' }, r.label)),
      h('td', { class: 'num' }, String(r.size)),
      h('td', {}, r.metric),
      h('td', { class: 'num' }, `${fmt(r.value)}${r.ci ? ` [${fmt(r.ci[0])}, ${fmt(r.ci[1])}]` : ''}`),
      h('td', { class: 'num' }, fmt(r.baseline)),
      h('td', { class: 'num' }, `×${fmt(r.lift)}`),
      h('td', { class: 'num' }, fmt(r.qValue)),
    ),
  );
  return h('table', { class: 'slices' }, h('thead', {}, h('tr', {}, ...header.map((x) => h('th', { scope: 'col' }, x)))), h('tbody', {}, ...body));
}
