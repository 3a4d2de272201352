import { applyEdits, modify, parseTree, findNodeAtLocation, type Edit, type FormattingOptions } from 'jsonc-parser';
import type { DeclareExpectationArgs, IgnoreFindingArgs } from '../../protocol/protocol';

/**
 * Edits of modeldiag.json for the code actions "Ignore with a reason…" and "Declare expected
 * direction…", computed with jsonc-parser `modify` so comments and formatting survive. A
 * zero-config model gets an entry (name, model, data, target) first; an empty or missing
 * file becomes `{"models": [...]}`.
 */
export const FORMATTING: FormattingOptions = { insertSpaces: true, tabSize: 2, eol: '\n' };

export function ignoreFindingEdits(text: string, args: IgnoreFindingArgs, reason: string): Edit[] {
  const rule = { id: args.id, ...(args.feature ? { feature: args.feature } : {}), reason };
  return entryEdits(text, args, (index) => modify(text, ['models', index, 'ignore', -1], rule, { formattingOptions: FORMATTING, isArrayInsertion: true }), { ignore: [rule] });
}

export function declareExpectationEdits(text: string, args: DeclareExpectationArgs, direction: 'increasing' | 'decreasing'): Edit[] {
  return entryEdits(text, args, (index) => modify(text, ['models', index, 'expect', args.feature], direction, { formattingOptions: FORMATTING }), {
    expect: { [args.feature]: direction },
  });
}

/** The new text after `edits` (for tests and for clients that replace the whole document). */
export function applyConfigEdits(text: string, edits: Edit[]): string {
  return applyEdits(text, edits);
}

type EntryTarget = Pick<IgnoreFindingArgs, 'modelIndex' | 'newEntry' | 'model'>;

/** Edits inside the model's entry when it exists (by index, checked against its name), else a new entry holding `extra`. */
function entryEdits(text: string, args: EntryTarget, inEntry: (index: number) => Edit[], extra: Record<string, unknown>): Edit[] {
  const index = existingEntry(text, args);
  if (index !== undefined) return inEntry(index);
  const entry = { ...(args.newEntry ?? { name: args.model }), ...extra };
  const root = text.trim() ? parseTree(text) : undefined;
  if (root && findNodeAtLocation(root, ['models'])?.type === 'array') return modify(text, ['models', -1], entry, { formattingOptions: FORMATTING, isArrayInsertion: true });
  if (text.trim()) return modify(text, ['models'], [entry], { formattingOptions: FORMATTING });
  const created = applyEdits('{}', modify('{}', ['models'], [entry], { formattingOptions: FORMATTING }));
  return [{ offset: 0, length: text.length, content: `${created}\n` }];
}

function existingEntry(text: string, args: EntryTarget): number | undefined {
  const root = text.trim() ? parseTree(text) : undefined;
  const models = root ? findNodeAtLocation(root, ['models']) : undefined;
  if (!models || models.type !== 'array') return undefined;
  const entries = models.children ?? [];
  const named = (i: number): boolean => {
    const name = findNodeAtLocation(entries[i], ['name'])?.value;
    return name === args.model || (name === undefined && args.modelIndex === i);
  };
  if (args.modelIndex !== undefined && args.modelIndex < entries.length && named(args.modelIndex)) return args.modelIndex;
  const byName = entries.findIndex((_, i) => findNodeAtLocation(entries[i], ['name'])?.value === args.model);
  return byName >= 0 ? byName : undefined;
}
