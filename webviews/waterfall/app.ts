/** The "Explain this row" view: a waterfall from the base value through each feature's φ to the prediction. */
import { ExplanationChangedNotification, OpenFileCommand, type ExplainRowResult } from '../../protocol/protocol';
import { fmt } from '../../server/cli/formatters/formatNumber';
import { applyTheme, destroyCharts, makeChart } from '../shared/charts';
import { chartBox, h, table } from '../shared/dom';
import type { ViewIpc } from '../shared/ipc';
import { readPalette, watchTheme, withAlpha, type Palette } from '../shared/theme';
import { vscodeApi } from '../shared/vscodeApi';
import { stepLabel, waterfallSteps, type WaterfallStep } from './waterfallData';

interface WaterfallState {
  readonly explanation?: ExplainRowResult;
}

export async function startWaterfall(ipc: ViewIpc, root: HTMLElement): Promise<void> {
  const api = vscodeApi<WaterfallState>();
  let explanation = api.getState()?.explanation;
  const draw = (): void => {
    destroyCharts();
    const palette = readPalette();
    applyTheme(palette);
    root.replaceChildren();
    api.setState({ explanation });
    if (!explanation) {
      root.append(h('p', { class: 'muted' }, 'No row explained yet: run "Explain this row" on a data row.'));
      return;
    }
    root.append(...view(explanation, palette, (file) => ipc.command(OpenFileCommand, { file })));
  };
  ipc.onNotification(ExplanationChangedNotification, (p) => {
    explanation = p.explanation;
    draw();
  });
  watchTheme(() => draw());
  try {
    const boot = await ipc.ready('waterfall');
    explanation = boot.explanation ?? explanation;
  } catch (e) {
    root.replaceChildren(h('p', { class: 'sev-error' }, e instanceof Error ? e.message : String(e)));
    return;
  }
  draw();
}

function view(r: ExplainRowResult, p: Palette, openFile: (file: string) => void): HTMLElement[] {
  const steps = waterfallSteps(r);
  const colour = (s: WaterfallStep): string => (s.kind === 'base' || s.kind === 'prediction' ? p.muted : s.amount >= 0 ? p.red : p.blue);
  const { box, canvas } = chartBox(`Waterfall of row ${r.row}: base value, each feature's contribution, prediction`, 60 + 30 * steps.length);
  makeChart(canvas, {
    type: 'bar',
    data: {
      labels: steps.map(stepLabel),
      datasets: [{ label: 'φ', data: steps.map((s) => [s.start, s.end] as [number, number]), backgroundColor: steps.map((s) => withAlpha(colour(s), 0.8)), borderColor: steps.map(colour), borderWidth: 1, borderSkipped: false }],
    },
    options: {
      indexAxis: 'y',
      scales: { x: { title: { display: true, text: `model output (${r.space})` } } },
      plugins: {
        legend: { display: false },
        refLines: { lines: [{ axis: 'x', value: r.baseValue, color: p.muted, dash: [3, 3] }] },
        tooltip: { callbacks: { label: (item) => { const s = steps[item.dataIndex]; return s.kind === 'feature' || s.kind === 'rest' ? `φ ${s.amount >= 0 ? '+' : ''}${fmt(s.amount)} → ${fmt(s.end)}` : fmt(s.amount); } } },
      },
    },
  });
  const sum = r.attributions.reduce((n, v) => n + v, 0);
  return [
    h('header', { class: 'top' }, h('h1', {}, `Row ${r.row} of `, h('a', { href: '#', class: 'file', onclick: (e: Event) => (e.preventDefault(), openFile(r.data)), title: r.data }, r.data.split(/[\\/]/).slice(-2).join('/'))), h('span', { class: 'muted' }, `model ${r.model}${r.output !== undefined ? ` · class ${r.output}` : ''}`)),
    h(
      'p',
      { class: 'facts' },
      `Method ${r.method} · space ${r.space} · base value ${fmt(r.baseValue)} + Σφ ${fmt(sum)} = prediction ${fmt(r.prediction)} · efficiency gap ${fmt(r.efficiencyGap)} · ${r.evaluationsPerRow} model evaluations`,
    ),
    box,
    h('h3', {}, 'Contributions'),
    table(['feature', 'value', 'φ'], steps.filter((s) => s.kind === 'feature' || s.kind === 'rest').map((s) => [s.label, s.value === undefined ? '' : s.value === null ? 'missing' : String(s.value), `${s.amount >= 0 ? '+' : ''}${fmt(s.amount)}`])),
  ];
}
