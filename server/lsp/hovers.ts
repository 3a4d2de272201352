import type { Hover, HoverParams } from 'vscode-languageserver/node';
import { featureHover, type CommandLink } from '../lang/hoverMarkdown';
import { referenceFindings } from '../lang/referenceFindings';
import type { ColumnStatsCache } from './columnStatsCache';
import type { DocumentReferences } from './documentReferences';
import { referenceModels } from './referenceDiagnostics';

/** A command link the client runs from a trusted hover. */
export const commandLink: CommandLink = (title, command, args) => `[${title}](command:${command}?${encodeURIComponent(JSON.stringify([args]))})`;

/** The hover of the feature or column name under the cursor: one section per model it belongs to. */
export function hover(doc: DocumentReferences, params: HoverParams, stats: ColumnStatsCache, folderUri: string): Hover | null {
  const offset = doc.document.offsetAt(params.position);
  const ref = doc.refs.find((r) => r.start <= offset && offset <= r.end);
  if (!ref) return null;
  const sections = referenceModels(doc, ref).map((m) => {
    const findings = referenceFindings(ref.name, [m], (model, column) => stats.held(doc.folder, model.name, column));
    return featureHover(ref.name, m, findings, folderUri, commandLink);
  });
  if (!sections.length) return null;
  return {
    contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') },
    range: { start: doc.document.positionAt(ref.start), end: doc.document.positionAt(ref.end) },
  };
}
