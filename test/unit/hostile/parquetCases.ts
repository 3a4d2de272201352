/** Hostile Parquet files: truncated and forged footers, damaged pages, wrong formats. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import type { HostileCase } from './corpusTypes';

/** A valid file (a, b, target; 200 rows in 4 row groups) to damage. */
function validParquet(dir: string, name: string): { path: string; bytes: Buffer } {
  const path = join(dir, name);
  const n = 200;
  parquetWriteFile({
    filename: path,
    columnData: [
      { name: 'a', data: Array.from({ length: n }, (_, i) => i / n), type: 'DOUBLE' as const },
      { name: 'b', data: Array.from({ length: n }, (_, i) => (i % 7) / 7), type: 'DOUBLE' as const },
      { name: 'target', data: Array.from({ length: n }, (_, i) => i % 2), type: 'DOUBLE' as const },
    ],
    rowGroupSize: 50,
  });
  return { path, bytes: readFileSync(path) };
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
  pq({ name: 'empty file named .parquet', build: (d) => (writeFileSync(join(d, 'empty.parquet'), ''), join(d, 'empty.parquet')), expect: NOT_PARQUET }),
  pq({ name: 'CSV text named .parquet', build: (d) => (writeFileSync(join(d, 'text.parquet'), 'a,b,target\n1,2,0\n'), join(d, 'text.parquet')), expect: NOT_PARQUET }),
];
