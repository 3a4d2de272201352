/** Model card data shaping (pure). */
import type { WireCheckReport, WireModelReport, WireModelSummary } from '../../protocol/protocol';
import type { Attribution, Importance } from '../shared/reportModel';

/** The headline facts: parameters, opsets, operator count, I/O count. */
export function cardFacts(s: WireModelSummary): [string, string][] {
  return [
    ['parameters', s.parameterCount.toLocaleString('en-US')],
    ['opsets', Object.entries(s.opsets).map(([d, v]) => `${d} ${v}`).join(', ') || '–'],
    ['operators', String(s.operators.length)],
    ['inputs / outputs', `${s.inputs.length} / ${s.outputs.length}`],
  ];
}

export function topFeatures(a: Attribution | undefined, n: number): Importance[] {
  return a ? [...a.global].sort((x, y) => y.importance - x.importance).slice(0, n) : [];
}

/** The model of `report` whose file is `uri` (file URI of the .onnx). */
export function modelOfUri(report: WireCheckReport, uri: string): WireModelReport | undefined {
  const path = decodeURIComponent(uri.replace(/^file:\/\//, ''));
  const root = report.root.replace(/\\/g, '/').replace(/\/$/, '');
  return report.models.find((m) => {
    const rel = m.model.replace(/\\/g, '/');
    return path === rel || path === `${root}/${rel}` || path.endsWith(`/${rel}`);
  });
}
