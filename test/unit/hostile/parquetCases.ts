/** Hostile Parquet files: truncated and forged footers, forged row counts, damaged pages, wrong formats. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ByteWriter, ParquetWriter, parquetWriteFile, schemaFromColumnData } from 'hyparquet-writer';
import type { HostileCase } from './corpusTypes';

const ROWS = 200;
/** a, b, target; 200 rows, written in 4 row groups of 50. */
const COLUMNS = [
  { name: 'a', data: Array.from({ length: ROWS }, (_, i) => i / ROWS), type: 'DOUBLE' as const },
  { name: 'b', data: Array.from({ length: ROWS }, (_, i) => (i % 7) / 7), type: 'DOUBLE' as const },
  { name: 'target', data: Array.from({ length: ROWS }, (_, i) => i % 2), type: 'DOUBLE' as const },
];

/** A valid file to damage. */
function validParquet(dir: string, name: string): { path: string; bytes: Buffer } {
  const path = join(dir, name);
  parquetWriteFile({ filename: path, columnData: COLUMNS, rowGroupSize: 50 });
  return { path, bytes: readFileSync(path) };
}

/**
 * The valid file with the row counts of its footer forged: `total` is FileMetaData.num_rows,
 * `group(i, n)` each RowGroup.num_rows (default: as written). The pages are untouched.
 */
function forgedRows(name: string, total: bigint, group: (i: number, n: bigint) => bigint = (_, n) => n): (dir: string) => string {
  return (dir) => {
    const writer = new ByteWriter();
    const pq = new ParquetWriter({ writer, schema: schemaFromColumnData({ columnData: COLUMNS }) });
    void pq.write({ columnData: COLUMNS, rowGroupSize: 50 }); // synchronous with a ByteWriter
    pq.num_rows = total;
    pq.row_groups.forEach((g, i) => (g.num_rows = group(i, g.num_rows)));
    void pq.finish();
    const path = join(dir, name);
    writeFileSync(path, writer.getBytes());
    return path;
  };
}

/** Writes a damaged copy of the valid file. */
function damaged(name: string, edit: (bytes: Buffer) => Buffer): (dir: string) => string {
  return (dir) => {
    const { path, bytes } = validParquet(dir, name);
    writeFileSync(path, edit(Buffer.from(bytes)));
    return path;
  };
}

const footerLength = (b: Buffer): number => b.readUInt32LE(b.length - 8);
const pq = (c: Omit<HostileCase, 'category' | 'target'>): HostileCase => ({ category: 'parquet', target: 'data', cli: true, ...c });
const NOT_PARQUET = /not a readable Parquet file|damaged/;

export const parquetCases: readonly HostileCase[] = [
  pq({ name: 'truncated footer (last 10 bytes cut)', build: damaged('trunc-footer.parquet', (b) => b.subarray(0, b.length - 10)), expect: NOT_PARQUET }),
  pq({ name: 'truncated to half', build: damaged('half.parquet', (b) => b.subarray(0, b.length >> 1)), expect: NOT_PARQUET }),
  pq({ name: 'trailing magic missing', build: damaged('nomagic.parquet', (b) => (b.write('XXXX', b.length - 4), b)), expect: NOT_PARQUET }),
  pq({ name: 'footer length forged to 2 GiB', build: damaged('forged-len.parquet', (b) => (b.writeUInt32LE(0x7fffffff, b.length - 8), b)), expect: NOT_PARQUET }),
  pq({ name: 'footer length forged to 0', build: damaged('zero-len.parquet', (b) => (b.writeUInt32LE(0, b.length - 8), b)), expect: NOT_PARQUET }),
  pq({
    name: 'footer metadata overwritten with 0xff',
    build: damaged('garbled-footer.parquet', (b) => {
      const start = b.length - 8 - footerLength(b);
      b.fill(0xff, start, b.length - 8);
      return b;
    }),
    expect: NOT_PARQUET,
  }),
  pq({
    name: 'page headers overwritten (forged page sizes)',
    build: damaged('garbled-pages.parquet', (b) => {
      b.fill(0x7f, 4, Math.min(b.length - 8 - footerLength(b), 400));
      return b;
    }),
    expect: NOT_PARQUET,
  }),
  pq({ name: 'num_rows forged one larger than its row groups', build: forgedRows('rows-plus-one.parquet', 201n), expect: /declares 201 rows but its row groups hold 200.*damaged/ }),
  pq({ name: 'num_rows forged to 2^53', build: forgedRows('rows-2-53.parquet', 2n ** 53n), expect: /declares 9007199254740992 rows, which cannot be right/ }),
  pq({ name: 'num_rows forged to 2^63 − 1', build: forgedRows('rows-i64-max.parquet', 2n ** 63n - 1n), expect: /declares 9223372036854775807 rows, which cannot be right/ }),
  pq({ name: 'num_rows forged negative', build: forgedRows('rows-negative.parquet', -1n), expect: /declares -1 rows, which cannot be right/ }),
  pq({
    name: 'num_rows and the last row group forged 50 larger, consistently',
    build: forgedRows('rows-consistent.parquet', 250n, (i, n) => (i === 3 ? n + 50n : n)),
    expect: /column "a" has 200 values, the file declares 250 rows; the file is damaged/,
  }),
  pq({
    name: 'num_rows and a row group forged to 2^53, consistently',
    build: forgedRows('rows-consistent-2-53.parquet', 2n ** 53n, (i, n) => (i === 0 ? 2n ** 53n - 150n : n)),
    expect: /declares 9007199254740992 rows, which cannot be right/,
  }),
  pq({
    name: 'num_rows and a row group forged to 2^31 − 1, consistently',
    build: forgedRows('rows-consistent-2-31.parquet', 2n ** 31n - 1n, (i, n) => (i === 0 ? 2n ** 31n - 1n - 150n : n)),
    expect: /column "a" has 200 values, the file declares 2147483647 rows; the file is damaged/,
  }),
  pq({ name: 'a row group forged negative', build: forgedRows('group-negative.parquet', 100n, (i, n) => (i === 0 ? -50n : n)), expect: /a row group declares -50 rows/ }),
  pq({ name: 'empty file named .parquet', build: (d) => (writeFileSync(join(d, 'empty.parquet'), ''), join(d, 'empty.parquet')), expect: NOT_PARQUET }),
  pq({ name: 'CSV text named .parquet', build: (d) => (writeFileSync(join(d, 'text.parquet'), 'a,b,target\n1,2,0\n'), join(d, 'text.parquet')), expect: NOT_PARQUET }),
];
