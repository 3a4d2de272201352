import type { WireCheckReport, WireModelReport } from '../../protocol/protocol';

/** The model named in the state: by name, else by its file; else the first model. */
export function selectModel(report: WireCheckReport, wanted: string | undefined): WireModelReport | undefined {
  if (wanted !== undefined) {
    const byName = report.models.find((m) => m.name === wanted);
    if (byName) return byName;
    const norm = (p: string): string => decodeURIComponent(p.replace(/^file:\/\//, '')).replace(/\\/g, '/');
    const w = norm(wanted);
    const byFile = report.models.find((m) => w === norm(m.model) || w.endsWith(`/${norm(m.model)}`));
    if (byFile) return byFile;
  }
  return report.models[0];
}
