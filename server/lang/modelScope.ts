import { dirname, sep } from 'node:path';
import type { FolderModel } from './folderModel';
import type { Reference } from './types';

/**
 * The models whose findings a document shows. A data file shows the models paired with it;
 * a modeldiag.json reference the model of its entry; any other file the models "nearest"
 * to it: those sharing the deepest directory with the document (a script in credit/ gets
 * the credit model, a script at the folder root every model).
 */
export function modelsInScope(docPath: string, models: readonly FolderModel[]): FolderModel[] {
  const paired = models.filter((m) => m.dataPaths.includes(docPath));
  if (paired.length) return paired;
  const dir = dirname(docPath);
  let best = -1;
  let out: FolderModel[] = [];
  for (const m of models) {
    const depth = Math.max(...[m.modelPath, ...m.dataPaths].map((p) => sharedDepth(dir, dirname(p))));
    if (depth > best) {
      best = depth;
      out = [m];
    } else if (depth === best) out.push(m);
  }
  return out;
}

/** The models a reference belongs to: its config entry's model when it sits in modeldiag.json. */
export function modelsOfReference(ref: Reference, docPath: string, inScope: readonly FolderModel[], all: readonly FolderModel[]): readonly FolderModel[] {
  if (ref.configModelIndex === undefined) return inScope;
  return all.filter((m) => m.config?.file === docPath && m.config.index === ref.configModelIndex);
}

function sharedDepth(a: string, b: string): number {
  const pa = a.split(sep);
  const pb = b.split(sep);
  let k = 0;
  while (k < pa.length && k < pb.length && pa[k] === pb[k]) k++;
  return k;
}
