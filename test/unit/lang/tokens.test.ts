/**
 * The tokenisers of server/lang, one block per language: which spans of a document name a
 * column, with quotes, escapes and comments handled by a real scan rather than a regex.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findReferences } from '../../../server/lang/findReferences';
import { languageOf } from '../../../server/lang/languageOf';
import type { LanguageKind } from '../../../server/lang/types';

const NAMES = new Set(['age', 'credit_score', 'collections_flag', 'class', 'Income', 'first name']);

/** [name, kind, the text at the reference's span] per reference. */
function refs(text: string, kind: LanguageKind, config = false): [string, string, string][] {
  return findReferences(text, kind, NAMES, config).map((r) => [r.name, r.kind, text.slice(r.start, r.end)]);
}

test('python: string literals of every quote style, identifiers, no comments, keywords or numbers', () => {
  const src = [
    'FEATURES = ["age", \'credit_score\', """collections_flag"""]  # "age" in a comment',
    "x = df.age + rb'age' + f\"{age}\"",
    'class Model: pass',
    'n = 1e5age',
    "s = 'it\\'s' + \"age",
    'y = "credit_score"',
  ].join('\n');
  assert.deepEqual(refs(src, 'python'), [
    ['age', 'string', 'age'],
    ['credit_score', 'string', 'credit_score'],
    ['collections_flag', 'string', 'collections_flag'],
    ['age', 'identifier', 'age'],
    ['age', 'string', 'age'],
    ['age', 'string', 'age'], // unterminated string ends at the line end
    ['credit_score', 'string', 'credit_score'],
  ]);
});

test('python: a triple-quoted string spans lines and hides quotes inside it', () => {
  const src = '"""doc with "age" inside\nstill doc\'"""\nz = "age"';
  assert.deepEqual(refs(src, 'python'), [['age', 'string', 'age']]);
  assert.equal(findReferences(src, 'python', NAMES)[0].start, src.lastIndexOf('age'));
});

test('sql: bare identifiers fold case, quoted identifiers and strings are exact, comments skipped', () => {
  const src = `SELECT AGE, "credit_score", \`collections_flag\`, [first name] -- age here is a comment
FROM t /* credit_score */ WHERE note = 'it''s' AND c = 'Income' # mysql age`;
  assert.deepEqual(refs(src, 'sql'), [
    ['age', 'identifier', 'AGE'],
    ['credit_score', 'identifier', 'credit_score'],
    ['collections_flag', 'identifier', 'collections_flag'],
    ['first name', 'identifier', 'first name'],
    ['Income', 'string', 'Income'],
  ]);
});

test('r: strings, raw strings, backquoted and $ names; comments and reserved words skipped', () => {
  const src = 'fit <- glm(defaulted ~ age + `credit_score`, data = d) # age\ny <- d$collections_flag; z <- r"(Income)"; w <- \'age\'; TRUE';
  assert.deepEqual(refs(src, 'r'), [
    ['age', 'identifier', 'age'],
    ['credit_score', 'identifier', 'credit_score'],
    ['collections_flag', 'identifier', 'collections_flag'],
    ['Income', 'string', 'Income'],
    ['age', 'string', 'age'],
  ]);
});

test('yaml: keys and values, block and flow, quoted scalars; comments and block scalars skipped', () => {
  const src = [
    'features: [age, "credit_score", \'collections_flag\']  # age',
    'monotone:',
    '  age: 1',
    '  - Income',
    'notes: |',
    '  age is described here',
    '  credit_score too',
    'target: class # the label',
    'url: http://x#age',
  ].join('\n');
  assert.deepEqual(refs(src, 'yaml'), [
    ['age', 'string', 'age'],
    ['credit_score', 'string', 'credit_score'],
    ['collections_flag', 'string', 'collections_flag'],
    ['age', 'key', 'age'],
    ['Income', 'string', 'Income'],
    ['class', 'string', 'class'],
  ]);
});

test('json: keys and string values, comments allowed', () => {
  const src = '{ "age": 1, // "credit_score"\n "cols": ["collections_flag", 3, "Income"] }';
  assert.deepEqual(refs(src, 'json'), [
    ['age', 'key', 'age'],
    ['collections_flag', 'string', 'collections_flag'],
    ['Income', 'string', 'Income'],
  ]);
});

test('modeldiag.json: only where the schema expects a column, scoped to the model entry', () => {
  const src = JSON.stringify(
    {
      models: [
        { name: 'age', model: 'age.onnx', target: 'class', features: ['age', 'credit_score'], expect: { age: 'increasing' }, ignore: [{ id: 'leak.target', feature: 'collections_flag', reason: 'age' }] },
        { name: 'm2', model: 'm.onnx', sensitive: ['Income'] },
      ],
    },
    null,
    1,
  );
  const found = findReferences(src, 'json', NAMES, true);
  assert.deepEqual(
    found.map((r) => [r.name, r.kind, r.configModelIndex]),
    [
      ['class', 'string', 0],
      ['age', 'string', 0],
      ['credit_score', 'string', 0],
      ['age', 'key', 0],
      ['collections_flag', 'string', 0],
      ['Income', 'string', 1],
    ],
  );
});

test('csv/tsv: the header line only, quote-aware, BOM and spaces skipped', () => {
  const csv = '\uFEFFage, "first name","Income",x\nage,credit_score\n';
  assert.deepEqual(refs(csv, 'csv'), [
    ['age', 'header', 'age'],
    ['first name', 'header', 'first name'],
    ['Income', 'header', 'Income'],
  ]);
  assert.deepEqual(refs('credit_score\tage\r\nage\n', 'tsv'), [
    ['credit_score', 'header', 'credit_score'],
    ['age', 'header', 'age'],
  ]);
});

test('languageOf: by extension first, notebook cells by language id', () => {
  assert.deepEqual(languageOf('file:///w/train.py', 'plaintext'), { kind: 'python', config: false });
  assert.deepEqual(languageOf('file:///w/modeldiag.json', 'json'), { kind: 'json', config: true });
  assert.deepEqual(languageOf('vscode-notebook-cell:/w/a.ipynb#W0sZmlsZQ%3D%3D', 'python'), { kind: 'python', config: false });
  assert.equal(languageOf('vscode-notebook-cell:/w/a.ipynb#W1', 'markdown'), undefined);
  assert.deepEqual(languageOf('untitled:Untitled-1', 'sql'), { kind: 'sql', config: false });
  assert.deepEqual(languageOf('file:///w/q.YML', undefined), { kind: 'yaml', config: false });
  assert.equal(languageOf('file:///w/readme.md', 'markdown'), undefined);
});
