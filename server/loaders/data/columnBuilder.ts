import type { Column } from './dataset';
import { MISSING_BOOLEAN, MISSING_CODE } from './dataset';
import { NumberChunks } from './numberChunks';

/** Cell texts read as missing, besides the empty cell (pandas' default NA strings, trimmed to the common ones). */
const MISSING_TOKENS = new Set(['', 'na', 'nan', 'n/a', 'null', 'none', '?', '#n/a']);
const BOOLEAN_TRUE = new Set(['true', 'yes']);
const BOOLEAN_FALSE = new Set(['false', 'no']);
/** ISO 8601 dates and date-times: 2024-01-31, 2024-01-31T12:00:00Z, 2024-01-31 12:00:00. */
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isMissingToken(text: string): boolean {
  return MISSING_TOKENS.has(text.trim().toLowerCase());
}

/**
 * Grows one column while rows stream in. Starts numeric (a growable Float64Array); on the
 * first non-numeric cell it switches to text for the rest of the column. At the end, text
 * columns become boolean, datetime or categorical (dictionary codes) by what they hold.
 */
export class ColumnBuilder {
  // Chunked (numberChunks.ts): starts small, never copies on growth, builds the exact-size array once;
  // with `expectedRows` (a count the reader knows up front) numbers go straight into the final array.
  private readonly numbers: NumberChunks;
  private texts: (string | null)[] | undefined;
  private length = 0;

  constructor(
    readonly name: string,
    expectedRows = 0,
  ) {
    this.numbers = new NumberChunks(expectedRows);
  }

  push(cell: string | number | boolean | null | undefined | Date | bigint): void {
    if (this.texts) {
      this.texts.push(cellText(cell));
      this.length++;
      return;
    }
    const v = cellNumber(cell);
    if (v === undefined) {
      this.switchToText();
      this.texts!.push(cellText(cell));
      this.length++;
      return;
    }
    this.numbers.push(v);
    this.length++;
  }

  /** Appends values[start, end) of a numeric typed array (Parquet DOUBLE/FLOAT/INT32 pages) without per-cell parsing. */
  pushNumbers(values: Float64Array | Float32Array | Int32Array, start: number, end: number): void {
    if (this.texts) {
      for (let i = start; i < end; i++) this.push(values[i]);
      return;
    }
    this.numbers.pushAll(values, start, end);
    this.length += end - start;
  }

  get size(): number {
    return this.length;
  }

  private switchToText(): void {
    const texts: (string | null)[] = new Array(this.length);
    for (let i = 0; i < this.length; i++) {
      const v = this.numbers.at(i);
      texts[i] = Number.isNaN(v) ? null : String(v);
    }
    this.texts = texts;
    this.numbers.clear();
  }

  build(forceCategorical = false): Column {
    if (!this.texts) {
      const values = this.numbers.toArray();
      if (forceCategorical) return categoricalFrom(this.name, Array.from(values, (v) => (Number.isNaN(v) ? null : String(v))));
      let integer = true;
      for (let i = 0; i < values.length && integer; i++) {
        const v = values[i];
        if (!Number.isNaN(v) && !Number.isInteger(v)) integer = false;
      }
      return { kind: 'numeric', name: this.name, values, integer };
    }
    const texts = this.texts;
    if (!forceCategorical) {
      const present = texts.filter((t): t is string => t !== null);
      if (present.length > 0 && present.every((t) => BOOLEAN_TRUE.has(t.toLowerCase()) || BOOLEAN_FALSE.has(t.toLowerCase()))) {
        const values = new Uint8Array(texts.length);
        texts.forEach((t, i) => (values[i] = t === null ? MISSING_BOOLEAN : BOOLEAN_TRUE.has(t.toLowerCase()) ? 1 : 0));
        return { kind: 'boolean', name: this.name, values };
      }
      if (present.length > 0 && present.every((t) => ISO_DATE.test(t))) {
        const values = new Float64Array(texts.length);
        texts.forEach((t, i) => (values[i] = t === null ? NaN : Date.parse(t.length === 10 ? `${t}T00:00:00Z` : t)));
        return { kind: 'datetime', name: this.name, values };
      }
    }
    return categoricalFrom(this.name, texts);
  }
}

function categoricalFrom(name: string, texts: readonly (string | null)[]): Column {
  const index = new Map<string, number>();
  const dictionary: string[] = [];
  const codes = new Int32Array(texts.length);
  for (let i = 0; i < texts.length; i++) {
    const t = texts[i];
    if (t === null) {
      codes[i] = MISSING_CODE;
      continue;
    }
    let c = index.get(t);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(t);
      index.set(t, c);
    }
    codes[i] = c;
  }
  return { kind: 'categorical', name, codes, dictionary };
}

/** A cell as a number, NaN when missing, undefined when it is not a number. */
function cellNumber(cell: string | number | boolean | null | undefined | Date | bigint): number | undefined {
  if (cell === null || cell === undefined) return NaN;
  if (typeof cell === 'number') return cell;
  if (typeof cell === 'bigint') return Number(cell);
  if (typeof cell === 'boolean' || cell instanceof Date) return undefined;
  const t = cell.trim();
  if (isMissingToken(t)) return NaN;
  // Number('') is 0 and Number('0x1f') is 31: accept decimal notation only.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) && !/^[+-]?(inf|infinity)$/i.test(t)) return undefined;
  const v = /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
  return v;
}

function cellText(cell: string | number | boolean | null | undefined | Date | bigint): string | null {
  if (cell === null || cell === undefined) return null;
  if (cell instanceof Date) return cell.toISOString();
  const t = String(cell).trim();
  return isMissingToken(t) ? null : t;
}
