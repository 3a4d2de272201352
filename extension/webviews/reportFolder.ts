/** Which folder's report a report view shows, from its focus (pure: no vscode import). */
import type { FolderReport, ReportFocus } from '../../protocol/protocol';

const norm = (p: string): string => decodeURIComponent(p.replace(/^file:\/\//, '')).replace(/\\/g, '/').replace(/\/$/, '');

/**
 * The folder named by `focus.folder`; else the folder holding `focus.model` (a file inside
 * it, or a model of that name); else the first folder with a report.
 */
export function pickFolder(folders: readonly FolderReport[], focus: ReportFocus | undefined): FolderReport | undefined {
  if (focus?.folder) {
    const f = folders.find((x) => norm(x.folder) === norm(focus.folder ?? ''));
    if (f) return f;
  }
  const model = focus?.model;
  if (model) {
    const m = norm(model);
    const byFile = folders.filter((x) => m.startsWith(`${norm(x.folder)}/`)).sort((a, b) => b.folder.length - a.folder.length)[0];
    if (byFile) return byFile;
    const byName = folders.find((x) => x.report?.models.some((r) => r.name === model));
    if (byName) return byName;
  }
  return folders.find((x) => x.report) ?? folders[0];
}
