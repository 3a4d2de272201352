import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadCsv } from '../../../server/loaders/data/csvLoader';
import { InputError } from '../../../server/loaders/data/loadError';
import { MISSING_BOOLEAN, MISSING_CODE } from '../../../server/loaders/data/dataset';
import { fixturePath } from '../../helpers/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'csv-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('infers numeric, categorical, boolean and datetime columns with missing values', async () => {
  const p = file('types.csv', 'n,cat,flag,when,int\n1.5,a,true,2024-01-02,3\n,b,false,2024-02-03T10:00:00Z,4\n-2e3,a,,,\nNA,,yes,2024-03-01,5\n');
  const d = await loadCsv(p);
  assert.equal(d.rowCount, 4);
  const [n, cat, flag, when, int] = d.columns;
  assert.equal(n.kind, 'numeric');
  if (n.kind === 'numeric') assert.deepEqual(Array.from(n.values), [1.5, NaN, -2000, NaN]);
  assert.equal(cat.kind, 'categorical');
  if (cat.kind === 'categorical') {
    assert.deepEqual(cat.dictionary, ['a', 'b']);
    assert.deepEqual(Array.from(cat.codes), [0, 1, 0, MISSING_CODE]);
  }
  assert.equal(flag.kind, 'boolean');
  if (flag.kind === 'boolean') assert.deepEqual(Array.from(flag.values), [1, 0, MISSING_BOOLEAN, 1]);
  assert.equal(when.kind, 'datetime');
  if (when.kind === 'datetime') assert.equal(when.values[0], Date.UTC(2024, 0, 2));
  assert.equal(int.kind, 'numeric');
  if (int.kind === 'numeric') assert.equal(int.integer, true);
});

test('a column that turns to text mid-file becomes categorical, keeping earlier numbers as text', async () => {
  const p = file('mixed.csv', 'x\n1\n2\nthree\n');
  const d = await loadCsv(p);
  const c = d.columns[0];
  assert.equal(c.kind, 'categorical');
  if (c.kind === 'categorical') assert.deepEqual(c.dictionary, ['1', '2', 'three']);
});

test('columns listed as categorical are read as categories even when numeric', async () => {
  const d = await loadCsv(file('codes.csv', 'region,y\n4,1\n2,0\n4,0\n'), { categorical: ['region'] });
  const c = d.columns[0];
  assert.equal(c.kind, 'categorical');
  if (c.kind === 'categorical') assert.deepEqual(c.dictionary, ['4', '2']);
});

test('EXPECTED FAILURE: an unclosed quote names the file, the line where the field opens, and its column', async () => {
  const p = file('quote.csv', 'a,b,c\n1,2,3\n4,"5,6\n7,8,9\n');
  await assert.rejects(loadCsv(p), (e: unknown) => {
    assert.ok(e instanceof InputError);
    assert.equal(e.file, p);
    assert.equal(e.line, 3);
    assert.equal(e.column, 2);
    assert.match(e.message, /quote\.csv:3:2: .*quoted field is never closed/);
    return true;
  });
});

test('EXPECTED FAILURE: a row with too many fields names its line', async () => {
  const p = file('fields.csv', 'a,b\n1,2\n3,4,5\n');
  await assert.rejects(loadCsv(p), (e: unknown) => e instanceof InputError && e.line === 3 && /number of fields/.test(e.detail));
});

test('EXPECTED FAILURE: duplicate header names and missing files', async () => {
  await assert.rejects(loadCsv(file('dup.csv', 'a,a\n1,2\n')), (e: unknown) => e instanceof InputError && e.line === 1 && e.column === 2);
  await assert.rejects(loadCsv(join(dir, 'nope.csv')), (e: unknown) => e instanceof InputError && /not found/.test(e.detail));
});

test('reads a real fixture with its missing values (empty cells are NaN)', async () => {
  const d = await loadCsv(fixturePath('real', 'pima', 'test_missing.csv'));
  const missing = d.columns.reduce((s, c) => s + (c.kind === 'numeric' ? Array.from(c.values).filter(Number.isNaN).length : 0), 0);
  assert.ok(d.rowCount > 10);
  assert.ok(missing > 0, 'test_missing.csv has empty cells');
});

test('streams a large file without holding it as one string (100k rows)', async () => {
  const rows = ['a,b,c'];
  for (let i = 0; i < 100_000; i++) rows.push(`${i},${i % 7 === 0 ? '' : (i * 0.5).toFixed(1)},${i % 3 ? 'x' : 'y'}`);
  const d = await loadCsv(file('big.csv', rows.join('\n')));
  assert.equal(d.rowCount, 100_000);
  const b = d.columns[1];
  assert.equal(b.kind, 'numeric');
  if (b.kind === 'numeric') assert.ok(Number.isNaN(b.values[0]) && b.values[1] === 0.5);
});
