/**
 * chart.js, registered with only what our views draw, plus two small plugins: error bars
 * (95% CIs on bar charts) and reference lines (baselines, round-number thresholds). Charts
 * are created through one registry so a theme change can rebuild them with new colours.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
  type ChartType,
  type Plugin,
} from 'chart.js';
import type { Palette } from './theme';

export interface ErrorBarsOptions {
  readonly datasetIndex: number;
  /** Per data index: [lo, hi] on the value axis, or null. */
  readonly intervals: readonly (readonly [number, number] | null)[];
  readonly color: string;
}

export interface RefLine {
  readonly axis: 'x' | 'y';
  readonly value: number;
  readonly label?: string;
  readonly color: string;
  readonly dash?: readonly number[];
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    errorBars?: ErrorBarsOptions;
    refLines?: { readonly lines: readonly RefLine[] };
  }
}

const errorBars: Plugin = {
  id: 'errorBars',
  afterDatasetsDraw(chart) {
    const o = chart.options.plugins?.errorBars as ErrorBarsOptions | undefined; // chart.js types plugin options as DeepPartial
    if (!o) return;
    const meta = chart.getDatasetMeta(o.datasetIndex);
    if (meta.hidden) return;
    const horizontal = chart.options.indexAxis === 'y';
    const valueScale = horizontal ? chart.scales.x : chart.scales.y;
    const { ctx, chartArea: area } = chart;
    ctx.save();
    ctx.beginPath();
    ctx.rect(area.left, area.top, area.right - area.left, area.bottom - area.top);
    ctx.clip();
    ctx.strokeStyle = o.color;
    ctx.lineWidth = 1.5;
    meta.data.forEach((el, i) => {
      const iv = o.intervals[i];
      if (!iv) return;
      const a = valueScale.getPixelForValue(iv[0]);
      const b = valueScale.getPixelForValue(iv[1]);
      const at = horizontal ? el.y : el.x;
      const cap = 4;
      ctx.beginPath();
      if (horizontal) {
        ctx.moveTo(a, at), ctx.lineTo(b, at);
        ctx.moveTo(a, at - cap), ctx.lineTo(a, at + cap);
        ctx.moveTo(b, at - cap), ctx.lineTo(b, at + cap);
      } else {
        ctx.moveTo(at, a), ctx.lineTo(at, b);
        ctx.moveTo(at - cap, a), ctx.lineTo(at + cap, a);
        ctx.moveTo(at - cap, b), ctx.lineTo(at + cap, b);
      }
      ctx.stroke();
    });
    ctx.restore();
  },
};

const refLines: Plugin = {
  id: 'refLines',
  afterDatasetsDraw(chart) {
    const lines = chart.options.plugins?.refLines?.lines as readonly RefLine[] | undefined;
    if (!lines?.length) return;
    const { ctx, chartArea: area } = chart;
    ctx.save();
    for (const l of lines) {
      const scale = chart.scales[l.axis];
      if (!scale) continue;
      const p = scale.getPixelForValue(l.value);
      if (!Number.isFinite(p)) continue;
      ctx.strokeStyle = l.color;
      ctx.fillStyle = l.color;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([...(l.dash ?? [5, 4])]);
      ctx.beginPath();
      if (l.axis === 'x') ctx.moveTo(p, area.top), ctx.lineTo(p, area.bottom);
      else ctx.moveTo(area.left, p), ctx.lineTo(area.right, p);
      ctx.stroke();
      if (l.label) {
        ctx.setLineDash([]);
        ctx.font = '11px sans-serif';
        ctx.textAlign = l.axis === 'x' ? 'left' : 'right';
        if (l.axis === 'x') ctx.fillText(l.label, p + 3, area.top + 11);
        else ctx.fillText(l.label, area.right - 3, p - 4);
      }
    }
    ctx.restore();
  },
};

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, ScatterController, Filler, Legend, Tooltip, errorBars, refLines);

const live: Chart[] = [];

/** Creates a chart with the theme's defaults; `destroyCharts` removes every chart made so far. */
export function makeChart<T extends ChartType>(canvas: HTMLCanvasElement, config: ChartConfiguration<T>): Chart<T> {
  const chart = new Chart(canvas, config);
  live.push(chart as unknown as Chart);
  return chart;
}

export function destroyCharts(): void {
  for (const c of live.splice(0)) c.destroy();
}

/** Global chart.js defaults from the palette (call before drawing, and again on a theme change). */
export function applyTheme(p: Palette): void {
  Chart.defaults.color = p.foreground;
  Chart.defaults.borderColor = p.grid;
  Chart.defaults.font.family = p.font;
  Chart.defaults.animation = false;
  Chart.defaults.maintainAspectRatio = false;
}
