import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { loadParquet } from '../../../server/loaders/data/parquetLoader';
import { loadCsv } from '../../../server/loaders/data/csvLoader';
import { readHeader } from '../../../server/loaders/data/readHeader';
import { InputError } from '../../../server/loaders/data/loadError';
import { fixturePath } from '../../helpers/fixtures';
import { writeFileSync } from 'node:fs';

const dir = mkdtempSync(join(tmpdir(), 'pq-'));

test('a Parquet file loads into the same columns as the CSV it was written from', async () => {
  const csv = await loadCsv(fixturePath('real', 'pima', 'test.csv'));
  const path = join(dir, 'pima.parquet');
  parquetWriteFile({
    filename: path,
    columnData: csv.columns.map((c) => ({ name: c.name, data: Array.from(c.kind === 'numeric' ? c.values : []), type: 'DOUBLE' as const })),
    rowGroupSize: 100, // several row groups: chunks must be stitched in order
  });
  const pq = await loadParquet(path);
  assert.equal(pq.rowCount, csv.rowCount);
  assert.deepEqual(pq.columns.map((c) => c.name), csv.columns.map((c) => c.name));
  for (let j = 0; j < csv.columns.length; j++) {
    const a = csv.columns[j];
    const b = pq.columns[j];
    assert.equal(b.kind, 'numeric');
    if (a.kind === 'numeric' && b.kind === 'numeric') assert.deepEqual(Array.from(b.values), Array.from(a.values));
  }
  assert.deepEqual(await readHeader(path), csv.columns.map((c) => c.name));
});

test('strings, booleans and nulls keep their kinds', async () => {
  const path = join(dir, 'kinds.parquet');
  parquetWriteFile({
    filename: path,
    columnData: [
      { name: 'x', data: [1.5, null, 3], type: 'DOUBLE' },
      { name: 's', data: ['a', 'b', null], type: 'STRING' },
      { name: 'b', data: [true, false, true], type: 'BOOLEAN' },
    ],
  });
  const d = await loadParquet(path);
  assert.deepEqual(d.columns.map((c) => c.kind), ['numeric', 'categorical', 'boolean']);
});

test('EXPECTED FAILURE: a file that is not Parquet is an InputError naming the file', async () => {
  const path = join(dir, 'bad.parquet');
  writeFileSync(path, 'not parquet at all');
  await assert.rejects(loadParquet(path), (e: unknown) => e instanceof InputError && e.file === path && /Parquet/.test(e.detail));
});
