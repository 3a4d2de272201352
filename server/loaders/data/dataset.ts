/**
 * The columnar data set every analysis reads. Typed arrays only, one per column,
 * so a million rows stay compact and a column can be handed to a worker without copying
 * (Apache Arrow's layout, simplified: no chunks, no nested types).
 *
 * Missing values: NaN in numeric and datetime columns, code -1 in categorical columns,
 * MISSING_BOOLEAN in boolean columns.
 */

export const MISSING_CODE = -1;
export const MISSING_BOOLEAN = 255;

export interface NumericColumn {
  readonly kind: 'numeric';
  readonly name: string;
  /** NaN = missing. */
  readonly values: Float64Array;
  /** True when every present value is an integer (counts, codes, ids). */
  readonly integer: boolean;
}

export interface CategoricalColumn {
  readonly kind: 'categorical';
  readonly name: string;
  /** Index into `dictionary`; MISSING_CODE = missing. */
  readonly codes: Int32Array;
  readonly dictionary: readonly string[];
}

export interface BooleanColumn {
  readonly kind: 'boolean';
  readonly name: string;
  /** 0 = false, 1 = true, MISSING_BOOLEAN = missing. */
  readonly values: Uint8Array;
}

export interface DatetimeColumn {
  readonly kind: 'datetime';
  readonly name: string;
  /** Milliseconds since the Unix epoch (UTC); NaN = missing. */
  readonly values: Float64Array;
}

export type Column = NumericColumn | CategoricalColumn | BooleanColumn | DatetimeColumn;
export type ColumnKind = Column['kind'];

export interface Dataset {
  /** Where the data came from (a path or a label), for messages. */
  readonly source: string;
  readonly rowCount: number;
  readonly columns: readonly Column[];
}

export function columnByName(data: Dataset, name: string): Column | undefined {
  return data.columns.find((c) => c.name === name);
}

export function isMissing(column: Column, row: number): boolean {
  switch (column.kind) {
    case 'numeric':
    case 'datetime':
      return Number.isNaN(column.values[row]);
    case 'categorical':
      return column.codes[row] === MISSING_CODE;
    case 'boolean':
      return column.values[row] === MISSING_BOOLEAN;
  }
}

/**
 * The value of a cell as a number: the value itself for numeric/datetime columns,
 * the dictionary code for categorical ones, 0/1 for booleans; NaN when missing.
 */
export function numericValue(column: Column, row: number): number {
  switch (column.kind) {
    case 'numeric':
    case 'datetime':
      return column.values[row];
    case 'categorical': {
      const c = column.codes[row];
      return c === MISSING_CODE ? NaN : c;
    }
    case 'boolean': {
      const v = column.values[row];
      return v === MISSING_BOOLEAN ? NaN : v;
    }
  }
}

/** The whole column as float64 numbers (see numericValue). */
export function columnAsNumbers(column: Column): Float64Array {
  if (column.kind === 'numeric' || column.kind === 'datetime') return column.values;
  const n = column.kind === 'categorical' ? column.codes.length : column.values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = numericValue(column, i);
  return out;
}

/** A cell as text, for messages and reports. */
export function displayValue(column: Column, row: number): string {
  if (isMissing(column, row)) return '';
  switch (column.kind) {
    case 'numeric':
      return String(column.values[row]);
    case 'datetime':
      return new Date(column.values[row]).toISOString();
    case 'categorical':
      return column.dictionary[column.codes[row]];
    case 'boolean':
      return column.values[row] === 1 ? 'true' : 'false';
  }
}

export function missingCount(column: Column): number {
  const n = columnLength(column);
  let m = 0;
  for (let i = 0; i < n; i++) if (isMissing(column, i)) m++;
  return m;
}

export function columnLength(column: Column): number {
  return column.kind === 'categorical' ? column.codes.length : column.values.length;
}

/** A new data set holding the given rows (in that order) of every column. */
export function takeRows(data: Dataset, rows: ArrayLike<number>, source = data.source): Dataset {
  const n = rows.length;
  const columns = data.columns.map((c): Column => {
    switch (c.kind) {
      case 'numeric': {
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) v[i] = c.values[rows[i]];
        return { ...c, values: v };
      }
      case 'datetime': {
        const v = new Float64Array(n);
        for (let i = 0; i < n; i++) v[i] = c.values[rows[i]];
        return { ...c, values: v };
      }
      case 'categorical': {
        const v = new Int32Array(n);
        for (let i = 0; i < n; i++) v[i] = c.codes[rows[i]];
        return { ...c, codes: v };
      }
      case 'boolean': {
        const v = new Uint8Array(n);
        for (let i = 0; i < n; i++) v[i] = c.values[rows[i]];
        return { ...c, values: v };
      }
    }
  });
  return { source, rowCount: n, columns };
}
