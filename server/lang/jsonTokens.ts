import { visit, type JSONPath } from 'jsonc-parser';
import type { Token } from './types';

/**
 * JSON / JSONC tokens through jsonc-parser's visitor (comments and trailing commas
 * allowed): every property key and every string value, with its JSON path for callers that
 * filter by position (modeldiag.json).
 */
export interface JsonToken extends Token {
  /** Path of the value (for a key: of the object holding it). */
  readonly path: JSONPath;
}

export function jsonTokens(text: string): JsonToken[] {
  const out: JsonToken[] = [];
  visit(
    text,
    {
      onObjectProperty: (property, offset, length, _line, _col, pathSupplier) => {
        out.push({ kind: 'key', text: property, start: offset + 1, end: offset + length - 1, path: pathSupplier() });
      },
      onLiteralValue: (value: unknown, offset, length, _line, _col, pathSupplier) => {
        if (typeof value === 'string' && length >= 2) out.push({ kind: 'string', text: value, start: offset + 1, end: offset + length - 1, path: pathSupplier() });
      },
    },
    { allowTrailingComma: true, disallowComments: false },
  );
  return out;
}
