/**
 * The report webview: ready handshake, view state (model, section, slice) kept with
 * setState so it survives reloads, redraw on new results, theme changes and focus requests.
 */
import {
  FocusNotification,
  OpenFileCommand,
  ReportChangedNotification,
  RerunCommand,
  StatusChangedNotification,
  type ReportFocus,
  type ReportSection,
  type StatusParams,
  type WireCheckReport,
  type WireModelReport,
} from '../../protocol/protocol';
import { applyTheme, destroyCharts } from '../shared/charts';
import { h } from '../shared/dom';
import type { ViewIpc } from '../shared/ipc';
import { readPalette, watchTheme } from '../shared/theme';
import { vscodeApi } from '../shared/vscodeApi';
import { SECTIONS, type ReportViewState, type SectionContext } from './sectionContext';
import { attributionSection } from './sections/attribution';
import { leakageSection } from './sections/leakage';
import { overviewSection } from './sections/overview';
import { shapesSection } from './sections/shapes';
import { slicesSection } from './sections/slices';
import { selectModel } from './selectModel';
import { tabList, tabPanel } from './tabs';

const DRAW: Readonly<Record<ReportSection, (ctx: SectionContext) => HTMLElement>> = {
  overview: overviewSection,
  attribution: attributionSection,
  shapes: shapesSection,
  slices: slicesSection,
  leakage: leakageSection,
};

export async function startReport(ipc: ViewIpc, root: HTMLElement): Promise<void> {
  const api = vscodeApi<ReportViewState>();
  let state: ReportViewState = api.getState() ?? { section: 'overview' };
  let report: WireCheckReport | undefined;
  let status: StatusParams | undefined;

  const focus = (f: ReportFocus | undefined): void => {
    if (!f) return;
    state = { model: f.model ?? state.model, section: f.section ?? (f.slice !== undefined ? 'slices' : state.section), ...(f.slice !== undefined ? { slice: f.slice } : {}) };
  };
  const update = (patch: Partial<ReportViewState>): void => {
    state = { ...state, ...patch };
    draw();
  };

  const draw = (): void => {
    const refocusTab = document.activeElement?.getAttribute('role') === 'tab';
    const y = window.scrollY;
    destroyCharts();
    const palette = readPalette();
    applyTheme(palette);
    root.replaceChildren();
    const model = report ? selectModel(report, state.model) : undefined;
    if (model && model.name !== state.model) state = { ...state, model: model.name };
    api.setState(state);
    root.append(header(report, status, () => ipc.command(RerunCommand, {})));
    if (!report) {
      root.append(h('p', { class: 'muted' }, status?.state === 'analysing' ? 'Analysing… the report appears when the first results are in.' : 'No results yet for this folder.'));
      return;
    }
    if (!model) {
      root.append(h('p', {}, 'No model was analysed in this folder. Add a modeldiag.json or put .onnx files next to data whose columns match.'));
      return;
    }
    if (report.models.length > 1) root.append(modelPicker(report.models, model.name, (name) => update({ model: name, slice: undefined })));
    const ctx: SectionContext = {
      report,
      model,
      palette,
      state,
      update,
      openFile: (file, line, column) => ipc.command(OpenFileCommand, { file: absolute(report?.root ?? '', file), ...(line ? { line } : {}), ...(column ? { column } : {}) }),
    };
    root.append(tabList('Report sections', SECTIONS, state.section, (section) => update({ section })), tabPanel(state.section, DRAW[state.section](ctx)));
    if (refocusTab) document.getElementById(`tab-${state.section}`)?.focus();
    if (state.section === 'slices' && state.slice !== undefined) document.getElementById(`slice-${state.slice}`)?.scrollIntoView({ block: 'center' });
    else window.scrollTo(0, y);
  };

  ipc.onNotification(ReportChangedNotification, (p) => {
    report = p.report;
    draw();
  });
  ipc.onNotification(StatusChangedNotification, (s) => {
    status = s;
    const line = document.getElementById('status');
    if (line) line.textContent = statusText(s);
  });
  ipc.onNotification(FocusNotification, (f) => {
    focus(f);
    draw();
  });
  watchTheme(() => draw());

  try {
    const boot = await ipc.ready('report');
    report = boot.report;
    focus(boot.focus);
  } catch (e) {
    root.replaceChildren(h('p', { class: 'sev-error' }, e instanceof Error ? e.message : String(e)));
    return;
  }
  draw();
}

function absolute(root: string, file: string): string {
  return /^([a-z][\w+.-]*:|\/|[A-Za-z]:[\\/])/.test(file) || !root ? file : `${root.replace(/[\\/]$/, '')}/${file}`;
}

function statusText(s: StatusParams | undefined): string {
  if (!s) return '';
  return s.state === 'analysing' && s.progress ? `${s.message} (${s.progress.done}/${s.progress.total})` : s.message;
}

function header(report: WireCheckReport | undefined, status: StatusParams | undefined, rerun: () => void): HTMLElement {
  return h(
    'header',
    { class: 'top' },
    h('h1', {}, 'Model Diagnostics'),
    h('span', { class: 'muted', title: report?.root ?? '' }, report ? report.root : ''),
    h('span', { id: 'status', class: 'muted', role: 'status', 'aria-live': 'polite' }, statusText(status)),
    h('button', { type: 'button', class: 'button', onclick: rerun }, 'Rerun'),
  );
}

function modelPicker(models: readonly WireModelReport[], selected: string, onSelect: (name: string) => void): HTMLElement {
  const select = h('select', { id: 'model', onchange: (e: Event) => onSelect((e.target as HTMLSelectElement).value) }, ...models.map((m) => h('option', { value: m.name, selected: m.name === selected }, m.name)));
  return h('div', { class: 'picker' }, h('label', { for: 'model' }, 'Model '), select);
}
