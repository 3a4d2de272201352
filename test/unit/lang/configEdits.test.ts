/** modeldiag.json edits of the "Ignore with a reason…" and "Declare expected direction…" code actions. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { IgnoreFindingArgs } from '../../../protocol/protocol';
import { applyConfigEdits, declareExpectationEdits, ignoreFindingEdits } from '../../../server/lang/configEdits';
import { parseConfig } from '../../../server/discovery/configFile';

const CONFIG = `{
  // the demo models
  "models": [
    { "name": "churn", "model": "churn/model.onnx", "target": "churned" },
    { "name": "credit", "model": "credit/model.onnx", "ignore": [{ "id": "leak.proxy", "reason": "known" }] }
  ]
}
`;
const base = { folder: 'file:///w', config: 'file:///w/modeldiag.json' };

test('an ignore rule goes into the named entry, keeping comments and existing rules', () => {
  const args: IgnoreFindingArgs = { ...base, model: 'credit', modelIndex: 1, id: 'leak.target', feature: 'collections_flag' };
  const out = applyConfigEdits(CONFIG, ignoreFindingEdits(CONFIG, args, 'filled before the decision'));
  assert.match(out, /\/\/ the demo models/);
  const parsed = parseConfig(out);
  assert.deepEqual(parsed.issues, []);
  assert.deepEqual(parsed.models[1].ignore, [
    { id: 'leak.proxy', feature: undefined, reason: 'known' },
    { id: 'leak.target', feature: 'collections_flag', reason: 'filled before the decision' },
  ]);
  assert.deepEqual(parsed.models[0].ignore ?? [], []);
});

test('a stale index falls back to the entry with that name', () => {
  const args: IgnoreFindingArgs = { ...base, model: 'churn', modelIndex: 1, id: 'jagged.slice', feature: 'region' };
  const parsed = parseConfig(applyConfigEdits(CONFIG, ignoreFindingEdits(CONFIG, args, 'r')));
  assert.deepEqual(parsed.models[0].ignore, [{ id: 'jagged.slice', feature: 'region', reason: 'r' }]);
});

test('a zero-config model gets its entry; a missing file is created', () => {
  const newEntry = { name: 'xgb', model: 'diabetes/xgb.onnx', data: { train: 'diabetes/train.csv', test: 'diabetes/test.csv' }, target: 'target' };
  const args: IgnoreFindingArgs = { ...base, model: 'xgb', newEntry, id: 'goodhart.threshold', feature: 'mass' };
  const added = parseConfig(applyConfigEdits(CONFIG, ignoreFindingEdits(CONFIG, args, 'clinical cut-off')));
  assert.equal(added.models.length, 3);
  assert.deepEqual(added.models[2].ignore, [{ id: 'goodhart.threshold', feature: 'mass', reason: 'clinical cut-off' }]);
  assert.equal(added.models[2].target, 'target');
  const created = applyConfigEdits('', ignoreFindingEdits('', args, 'x'));
  assert.deepEqual(parseConfig(created).models.map((m) => [m.name, m.model, m.ignore?.length]), [['xgb', 'diabetes/xgb.onnx', 1]]);
});

test('an expectation is set (and replaced) under expect', () => {
  const args = { ...base, model: 'churn', modelIndex: 0, feature: 'support_calls' };
  const once = applyConfigEdits(CONFIG, declareExpectationEdits(CONFIG, args, 'increasing'));
  const twice = applyConfigEdits(once, declareExpectationEdits(once, args, 'decreasing'));
  assert.deepEqual({ ...parseConfig(twice).models[0].expect }, { support_calls: 'decreasing' });
});
