/** Hostile CSV/TSV files: broken quoting, line ends, encodings, NUL bytes, headers, size. */
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../../../server/loaders/data/dataset';
import type { HostileCase } from './corpusTypes';

const write = (dir: string, name: string, content: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};
const rows = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => `${(i + from) / 10},${(i + from) % 3},${(i + from) % 2}`).join('\n');
const dataset = (v: unknown): Dataset => v as Dataset;
const csv = (c: Omit<HostileCase, 'category' | 'target'>): HostileCase => ({ category: 'csv', target: 'data', cli: true, ...c });

export const csvCases: readonly HostileCase[] = [
  csv({
    name: 'unclosed quote near the top of a 6 MB file',
    build: (d) => write(d, 'unclosed.csv', `a,b,target\n${rows(8)}\n"0.5,1,0\n${rows(200_000, 8)}\n`),
    expect: /quoted field is never closed|longer than/,
    line: 10,
  }),
  csv({
    name: 'unclosed quote in a file larger than the record limit (20 MB)',
    build: (d) => write(d, 'unclosed-big.csv', `a,b,target\n1,2,0\n"${'x,'.repeat(10_000_000)}`),
    expect: /never closed/,
    line: 3,
  }),
  csv({ name: 'row with an extra field', build: (d) => write(d, 'ragged-long.csv', `a,b,target\n1,2,0\n3,4,1\n5,6,1,9\n`), expect: /different number of fields/, line: 4 }),
  csv({ name: 'row with a missing field', build: (d) => write(d, 'ragged-short.csv', `a,b,target\n1,2,0\n3,4\n`), expect: /different number of fields/, line: 3 }),
  csv({ name: 'TSV with a ragged row', build: (d) => write(d, 'ragged.tsv', `a\tb\ttarget\n1\t2\t0\n3\t4\t1\t7\n`), expect: /different number of fields/, line: 3 }),
  csv({ name: 'quote not doubled inside a quoted field', build: (d) => write(d, 'badquote.csv', `a,b,target\n1,"x"y,0\n`), expect: /must be doubled|CSV_/, line: 2 }),
  csv({ name: 'quote opening inside an unquoted field', build: (d) => write(d, 'openquote.csv', `a,b,target\n1,x"y",0\n`), expect: /CSV_INVALID_OPENING_QUOTE|quote/, line: 2 }),
  csv({ name: 'duplicate header', build: (d) => write(d, 'dup.csv', `a,a,target\n1,2,0\n`), expect: /"a" appears twice/, line: 1, column: 2 }),
  csv({ name: 'duplicate header after trimming', build: (d) => write(d, 'dup-trim.csv', `a, b ,b,target\n1,2,3,0\n`), expect: /"b" appears twice/, line: 1, column: 3 }),
  csv({ name: 'empty header name', build: (d) => write(d, 'noname.csv', `a,,target\n1,2,0\n`), expect: /column 2 of the header has no name/, line: 1, column: 2 }),
  csv({ name: 'empty file', build: (d) => write(d, 'empty.csv', ''), expect: /empty/ }),
  csv({ name: 'only blank lines', build: (d) => write(d, 'blank.csv', '\n\r\n\n'), expect: /empty/ }),
  csv({ name: 'NUL byte in a cell', build: (d) => write(d, 'nul.csv', Buffer.from(`a,b,target\n1,2,0\n3,4\u0000,1\n`)), expect: /NUL byte/, line: 3, column: 4 }),
  csv({ name: 'binary file named .csv', build: (d) => write(d, 'image.csv', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])), expect: /NUL byte/, line: 3, column: 1 }),
  csv({ name: 'UTF-16LE without a byte-order mark', build: (d) => write(d, 'utf16-nobom.csv', Buffer.from(`a,b,target\n1,2,0\n`, 'utf16le')), expect: /UTF-16 text without a byte-order mark/, line: 1, column: 2 }),
  csv({
    name: 'UTF-16LE with a byte-order mark is decoded',
    build: (d) => write(d, 'utf16le.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`a,b,target\n1,2,0\n3,4,1\n`, 'utf16le')])),
    expect: 'ok',
    check: (v) => {
      assert.deepEqual(dataset(v).columns.map((c) => c.name), ['a', 'b', 'target']);
      assert.equal(dataset(v).rowCount, 2);
    },
  }),
  csv({
    name: 'UTF-16BE with a byte-order mark is decoded',
    build: (d) => write(d, 'utf16be.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(`a,b,target\n1,2,0\n`, 'utf16le').swap16()])),
    expect: 'ok',
    check: (v) => assert.deepEqual(dataset(v).columns.map((c) => c.name), ['a', 'b', 'target']),
  }),
  csv({
    name: 'UTF-8 byte-order mark is not part of the first column name',
    build: (d) => write(d, 'bom.csv', `\ufeffa,b,target\n1,2,0\n`),
    expect: 'ok',
    check: (v) => assert.equal(dataset(v).columns[0].name, 'a'),
  }),
  csv({
    name: 'LF, CRLF and lone CR line ends mixed',
    build: (d) => write(d, 'mixed-eol.csv', `a,b,target\n1,2,0\r\n3,4,1\r5,6,0\n7,8,1\r\n`),
    expect: 'ok',
    check: (v) => {
      const data = dataset(v);
      assert.equal(data.rowCount, 4);
      const t = data.columns[2];
      assert.ok(t.kind === 'numeric' && Array.from(t.values).join() === '0,1,0,1', 'the last column holds clean numbers');
    },
  }),
  csv({
    name: 'headers __proto__, constructor and prototype pollute nothing',
    build: (d) => write(d, 'proto.csv', `__proto__,constructor,prototype,target\n1,2,3,0\n4,5,6,1\n`),
    expect: 'ok',
    check: (v) => {
      assert.deepEqual(dataset(v).columns.map((c) => c.name), ['__proto__', 'constructor', 'prototype', 'target']);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(Object.getPrototypeOf({}), Object.prototype);
    },
  }),
  csv({
    name: '10^5 columns',
    build: (d) => {
      const n = 100_000;
      const header = Array.from({ length: n }, (_, i) => `c${i}`).join(',');
      const row = Array.from({ length: n }, (_, i) => String(i % 10)).join(',');
      return write(d, 'wide.csv', `${header}\n${row}\n${row}\n`);
    },
    expect: 'ok',
    check: (v) => assert.equal(dataset(v).columns.length, 100_000),
  }),
  csv({
    name: 'NaN and Inf strings read as missing and infinities',
    build: (d) => write(d, 'naninf.csv', `a,b,target\nNaN,inf,0\nnan,-Infinity,1\n1e309,+inf,0\n-1e309,1,1\n`),
    expect: 'ok',
    check: (v) => {
      const [a, b] = dataset(v).columns;
      assert.ok(a.kind === 'numeric' && b.kind === 'numeric');
      assert.deepEqual(Array.from(a.values), [NaN, NaN, Infinity, -Infinity]);
      assert.deepEqual(Array.from(b.values), [Infinity, -Infinity, Infinity, 1]);
    },
  }),
  csv({
    name: 'file larger than the configured limit',
    env: { MODEL_DIAGNOSTICS_MAX_FILE_MB: '1' },
    build: (d) => write(d, 'toolarge.csv', `a,b,target\n${rows(120_000)}\n`),
    expect: /larger than the limit of 1 MiB.*MODEL_DIAGNOSTICS_MAX_FILE_MB/,
  }),
  csv({
    name: 'a folder named like a CSV file',
    build: (d) => {
      const path = join(d, 'folder.csv');
      mkdirSync(path);
      return path;
    },
    expect: /not a regular file/,
  }),
  csv({ name: 'missing file', build: (d) => join(d, 'nowhere.csv'), expect: /file not found/, cli: false }),
  csv({
    name: 'a single 2 MB cell without quotes',
    build: (d) => write(d, 'longcell.csv', `a,b,target\n1,${'9'.repeat(2_000_000)},0\n`),
    expect: 'ok',
    check: (v) => assert.equal(dataset(v).rowCount, 1),
  }),
];
