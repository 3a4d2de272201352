import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { countCsvRecords } from '../../../server/loaders/data/csvRecordCount';
import { loadCsv } from '../../../server/loaders/data/csvLoader';
import { ColumnBuilder } from '../../../server/loaders/data/columnBuilder';

const dir = mkdtempSync(join(tmpdir(), 'modeldiag-count-'));

const cases: [string, string][] = [
  ['plain', 'a,b\n1,2\n3,4\n'],
  ['no final line end', 'a,b\n1,2\n3,4'],
  ['CRLF', 'a,b\r\n1,2\r\n3,4\r\n'],
  ['old Mac CR', 'a,b\r1,2\r3,4\r'],
  ['empty lines skipped', 'a,b\n\n1,2\n\n\n3,4\n\n'],
  ['quoted line ends', 'a,b\n"x\ny",2\n"p\r\nq",4\n"",5\n'],
  ['doubled quotes', 'a,b\n"say ""hi""\n",1\n2,3\n'],
];

test('record counts match the rows the parser reads (+ header), at any chunk size', async () => {
  for (const [name, text] of cases) {
    const file = join(dir, `${name.replace(/\W/g, '_')}.csv`);
    writeFileSync(file, text);
    const rows = (await loadCsv(file)).rowCount;
    for (const chunk of [1, 2, 3, 7, 1 << 20]) assert.equal(await countCsvRecords(file, chunk), rows + 1, `${name}, chunks of ${chunk}`);
  }
});

test('a wrong count only changes how a column is stored, never its values or kind', () => {
  for (const expected of [0, 2, 3, 10]) {
    const numbers = new ColumnBuilder('a', expected);
    for (const cell of ['1', '2.5', '']) numbers.push(cell);
    const built = numbers.build();
    assert.ok(built.kind === 'numeric');
    assert.deepEqual(Array.from(built.values), [1, 2.5, NaN], `expected ${expected}`);
    const mixed = new ColumnBuilder('b', expected);
    for (const cell of ['1', 'x', '1']) mixed.push(cell);
    const text = mixed.build();
    assert.ok(text.kind === 'categorical');
    assert.deepEqual(text.dictionary, ['1', 'x']);
  }
});
