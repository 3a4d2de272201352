/** Shape curves: per feature, the PDP with its ICE band (quantiles of the ICE lines), the ALE, and round-number markers. */
import { fmt } from '../../../server/cli/formatters/formatNumber';
import { makeChart } from '../../shared/charts';
import { chartBox, h } from '../../shared/dom';
import { shapesOf, type ShapeCurve } from '../../shared/reportModel';
import { withAlpha } from '../../shared/theme';
import { iceBand, shapePanels, thresholdMarkers, type ShapePanel } from '../data/shapeData';
import type { SectionContext } from '../sectionContext';

/** The outer ICE band holds the middle 80% of rows' curves, the inner one the middle 50%. */
const OUTER_Q = 0.1;
const INNER_Q = 0.25;

export function shapesSection(ctx: SectionContext): HTMLElement {
  const panels = shapePanels(shapesOf(ctx.model));
  if (!panels.length) return h('p', { class: 'muted' }, 'No shape curves for this model.');
  return h(
    'div',
    {},
    h('p', { class: 'muted' }, `PDP (solid) with the middle 50% and 80% of ICE curves as bands, and ALE (dashed, right axis, centred). Dashed vertical lines: round-number thresholds flagged by goodhart.threshold.`),
    h('div', { class: 'grid' }, ...panels.map((p) => panelChart(ctx, p))),
  );
}

interface XY {
  x: number;
  y: number;
}

function panelChart(ctx: SectionContext, panel: ShapePanel): HTMLElement {
  const p = ctx.palette;
  const labels = panel.labels ?? (panel.pdp && panel.pdp.grid.some((g) => typeof g === 'string') ? panel.pdp.grid.map(String) : undefined);
  const xOf = (c: ShapeCurve, j: number): number => {
    const g = c.grid[j];
    if (!labels) return typeof g === 'number' ? g : Number(g);
    if (c === panel.pdp) return j;
    return labels.indexOf(String(g));
  };
  const series = (c: ShapeCurve, ys: readonly number[]): XY[] => ys.map((y, j) => ({ x: xOf(c, j), y })).filter((q) => q.x >= 0 && Number.isFinite(q.y) && Number.isFinite(q.x));
  const datasets = [];
  const pdp = panel.pdp;
  if (pdp?.ice?.length) {
    const outer = iceBand(pdp.ice, OUTER_Q, pdp.grid.length);
    const inner = iceBand(pdp.ice, INNER_Q, pdp.grid.length);
    datasets.push(...band('ICE 10–90%', series(pdp, outer.lower), series(pdp, outer.upper), withAlpha(p.blue, 0.12)), ...band('ICE 25–75%', series(pdp, inner.lower), series(pdp, inner.upper), withAlpha(p.blue, 0.22)));
  }
  if (pdp) datasets.push({ type: 'line' as const, label: 'PDP', data: series(pdp, pdp.values), borderColor: p.blue, backgroundColor: p.blue, pointRadius: labels ? 3 : 0, borderWidth: 2, yAxisID: 'y' });
  if (panel.ale) datasets.push({ type: 'line' as const, label: 'ALE', data: series(panel.ale, panel.ale.values), borderColor: p.orange, backgroundColor: p.orange, borderDash: [6, 4], pointRadius: labels ? 3 : 0, borderWidth: 2, yAxisID: 'y1' });
  const markers = labels ? [] : thresholdMarkers(ctx.model.findings, panel.feature);
  const title = `${panel.feature}${panel.output !== undefined ? ` (class ${panel.output})` : ''}`;
  const { box, canvas } = chartBox(`Shape curves of ${title}`, 240);
  makeChart(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      parsing: false,
      scales: {
        x: labels ? { type: 'linear', min: -0.5, max: labels.length - 0.5, afterBuildTicks: (s) => { s.ticks = labels.map((_, i) => ({ value: i })); }, ticks: { callback: (v) => labels[Number(v)] ?? '' } } : { type: 'linear' },
        y: { type: 'linear', position: 'left', title: { display: true, text: 'prediction (PDP)' } },
        y1: { type: 'linear', position: 'right', display: !!panel.ale, grid: { drawOnChartArea: false }, title: { display: true, text: 'ALE' } },
      },
      plugins: {
        legend: { labels: { boxWidth: 12, filter: (item) => !item.text.endsWith(' lower') } },
        refLines: { lines: markers.map((m) => ({ axis: 'x' as const, value: m.value, label: m.label, color: p.red })) },
        tooltip: { callbacks: { title: (items) => (items[0] ? (labels ? (labels[items[0].parsed.x ?? -1] ?? '') : `${panel.feature} = ${fmt(items[0].parsed.x ?? undefined)}`) : ''), label: (item) => `${item.dataset.label ?? ''}: ${fmt(item.parsed.y ?? undefined)}` } },
      },
    },
  });
  return h('figure', { class: 'shape' }, h('figcaption', {}, title, markers.length ? h('span', { class: 'sev-warning' }, ` · round number at ${markers.map((m) => m.value).join(', ')}`) : ''), box);
}

function band(label: string, lower: XY[], upper: XY[], fill: string) {
  return [
    { type: 'line' as const, label: `${label} lower`, data: lower, borderWidth: 0, pointRadius: 0, fill: false, yAxisID: 'y' },
    { type: 'line' as const, label, data: upper, borderWidth: 0, pointRadius: 0, backgroundColor: fill, borderColor: fill, fill: '-1', yAxisID: 'y' },
  ] as const;
}

