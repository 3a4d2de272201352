import type { CodeLens } from 'vscode-languageserver/node';
import { CommandIds, type ExplainRowParams } from '../../protocol/protocol';
import type { DocumentReferences } from './documentReferences';

/** Data rows that get an "Explain this row" lens (the client has no viewport to tell us more). */
export const MAX_ROW_LENSES = 200;

/**
 * "Explain this row" on the first data rows of a CSV/TSV file paired with a model. Rows are
 * counted quote-aware, so a quoted field spanning lines stays one row.
 */
export function rowLenses(doc: DocumentReferences, uri: string): CodeLens[] {
  if (!/\.(csv|tsv)$/i.test(doc.path)) return [];
  const models = doc.all.filter((m) => m.dataPaths.includes(doc.path));
  if (!models.length) return [];
  const text = doc.document.getText();
  const lenses: CodeLens[] = [];
  let quoted = false;
  let row = -1; // the header is row -1
  for (let i = 0; i < text.length && lenses.length < MAX_ROW_LENSES * models.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (ch === '\n' && !quoted) {
      row++;
      if (i + 1 >= text.length || text[i + 1] === '\n' || text[i + 1] === '\r') continue;
      const start = doc.document.positionAt(i + 1);
      for (const m of models) {
        const args: ExplainRowParams = { uri, row, model: m.name };
        const title = models.length > 1 ? `Explain this row (${m.name})` : 'Explain this row';
        lenses.push({ range: { start, end: start }, command: { title, command: CommandIds.explainRow, arguments: [args] } });
      }
    }
  }
  return lenses;
}
