/** The model card (custom editor of .onnx files): the model's structure and its latest analysis. */
import {
  OpenReportCommand,
  ReportChangedNotification,
  type ModelSummaryResult,
  type WireCheckReport,
  type WireIo,
  type WireModelReport,
  type WireModelSummary,
} from '../../protocol/protocol';
import { fmt } from '../../server/cli/formatters/formatNumber';
import { h, table } from '../shared/dom';
import type { ViewIpc } from '../shared/ipc';
import { attributionOf } from '../shared/reportModel';
import { cardFacts, modelOfUri, topFeatures } from './cardData';

export async function startModelCard(ipc: ViewIpc, root: HTMLElement): Promise<void> {
  let result: ModelSummaryResult | undefined;
  const draw = (): void => {
    root.replaceChildren(...(result ? card(result, () => ipc.command(OpenReportCommand, { model: result?.uri }), (section) => ipc.command(OpenReportCommand, { model: result?.uri, section })) : [h('p', { class: 'muted' }, 'Loading…')]));
  };
  ipc.onNotification(ReportChangedNotification, (p: { report: WireCheckReport }) => {
    if (!result) return;
    const report = modelOfUri(p.report, result.uri);
    if (report) {
      result = { ...result, report };
      draw();
    }
  });
  try {
    const boot = await ipc.ready('modelCard');
    result = boot.modelSummary;
  } catch (e) {
    root.replaceChildren(h('p', { class: 'sev-error' }, e instanceof Error ? e.message : String(e)));
    return;
  }
  draw();
}

type Section = 'overview' | 'attribution' | 'leakage';

function card(r: ModelSummaryResult, openReport: () => void, openSection: (s: Section) => void): HTMLElement[] {
  const name = decodeURIComponent(r.uri.split('/').pop() ?? r.uri);
  const s = r.summary;
  const head = h(
    'header',
    { class: 'top' },
    h('h1', {}, name),
    s?.producer ? h('span', { class: 'muted' }, `produced by ${s.producer}`) : undefined,
    h('span', { id: 'status' }),
    r.report ? h('button', { type: 'button', class: 'button', onclick: openReport }, 'Open report') : undefined,
  );
  if (!s) return [head, h('p', { class: 'sev-error' }, r.error ?? 'This file could not be read as an ONNX model.')];
  return [head, r.error ? h('p', { class: 'sev-warning' }, r.error) : '', ...structure(s), analysis(r.report, openSection)].filter((x): x is HTMLElement => typeof x !== 'string');
}

function structure(s: WireModelSummary): HTMLElement[] {
  const io = (list: readonly WireIo[]) => table(['name', 'type', 'shape'], list.map((x) => [x.name, x.type, x.isTensor ? `[${x.shape.join(', ')}]` : '–']), undefined, [0, 1, 2]);
  const facts = cardFacts(s);
  return [
    h('div', { class: 'cards' }, ...facts.map(([label, value]) => h('div', { class: 'card' }, h('div', { class: 'metric-label' }, label), h('div', { class: 'metric-value' }, value)))),
    h('h3', {}, 'Inputs'),
    io(s.inputs),
    h('h3', {}, 'Outputs'),
    io(s.outputs),
    h('h3', {}, 'Operators'),
    h('p', {}, ...s.operators.flatMap((op, i) => [i ? ' ' : '', h('code', {}, op)])),
    s.classes?.length ? h('div', {}, h('h3', {}, `Classes (${s.classes.length})`), h('p', {}, ...s.classes.flatMap((c, i) => [i ? ' ' : '', h('code', {}, c)]))) : h('span'),
    Object.keys(s.metadata).length ? h('div', {}, h('h3', {}, 'Metadata'), table(['key', 'value'], Object.entries(s.metadata).map(([k, v]) => [k, v]), undefined, [0, 1])) : h('span'),
  ];
}

function analysis(m: WireModelReport | undefined, openSection: (s: Section) => void): HTMLElement {
  if (!m) return h('section', {}, h('h2', {}, 'Analysis'), h('p', { class: 'muted' }, 'Not analysed yet: this model is not paired with data in a modeldiag.json or by zero-config discovery, or its analysis is still running.'));
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of m.findings) if (!f.ignored) counts[f.severity]++;
  const names = [...new Set(Object.values(m.metrics).flatMap((x) => Object.keys(x)))];
  const top = topFeatures(attributionOf(m), 5);
  return h(
    'section',
    {},
    h('h2', {}, `Analysis: ${m.name}`),
    h('p', { class: 'facts' }, `${m.task} · target `, h('code', {}, m.target), ` · ${m.features.length} features`),
    table(['split', ...names], Object.entries(m.metrics).map(([split, x]) => [split, ...names.map((n) => { const v = x[n]; return v === undefined ? '' : fmt(typeof v === 'number' ? v : v.value); })])),
    top.length ? h('div', {}, h('h3', {}, 'Top features ', h('button', { type: 'button', class: 'link small', onclick: () => openSection('attribution') }, '(attribution)')), table(['feature', 'importance'], top.map((t) => [t.feature, fmt(t.importance)]))) : undefined,
    h('h3', {}, 'Findings ', h('button', { type: 'button', class: 'link small', onclick: () => openSection('leakage') }, '(details)')),
    h('p', {}, h('span', { class: 'sev-error' }, `${counts.error} errors`), ' · ', h('span', { class: 'sev-warning' }, `${counts.warning} warnings`), ' · ', `${counts.info} notes`),
    h('ul', {}, ...m.findings.filter((f) => f.severity !== 'info' && !f.ignored).slice(0, 8).map((f) => h('li', {}, h('code', {}, f.id), ' ', f.message))),
  );
}
