import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchingEvaluator } from '../../../server/engine/evaluator/batchingEvaluator';
import type { Predictor } from '../../../server/engine/evaluator/predictor';
import { exactShapley } from '../../../server/engine/attribution/exactShapley';
import { backgroundFromRows } from '../../../server/engine/attribution/backgroundSample';
import { groupOneHot } from '../../../server/pipeline/groupOneHot';
import type { RowExplanation } from '../../../server/pipeline/explainRows';

/** f(x) = 2·x0 + (color one-hot: red 1, green −1, blue 0.5) + x0·[red]: an interaction inside the group. */
const predictor: Predictor = {
  featureCount: 4,
  outputWidth: 1,
  async predictBatch(x, rows) {
    const out = new Float64Array(rows);
    for (let i = 0; i < rows; i++) {
      const [a, r, g, b] = [x[i * 4], x[i * 4 + 1], x[i * 4 + 2], x[i * 4 + 3]];
      out[i] = 2 * a + r - g + 0.5 * b + a * r;
    }
    return out;
  },
};

test('one-hot columns are grouped into their feature; efficiency still holds exactly', async () => {
  const names = ['x0', 'color_red', 'color_green', 'color_blue'];
  const rows = { rows: 2, cols: 4, names, data: Float64Array.from([1, 1, 0, 0, -1, 0, 0, 1]) };
  const bg = backgroundFromRows({ rows: 3, cols: 4, names, data: Float64Array.from([0, 1, 0, 0, 0.5, 0, 1, 0, 2, 0, 0, 1]) });
  const e = await exactShapley(new BatchingEvaluator(predictor), rows, bg);
  const explanation: RowExplanation = { ...e, space: 'value', inputs: rows.data };
  const g = groupOneHot(explanation, { color: ['color_red', 'color_green', 'color_blue'] });
  assert.deepEqual(g.features, ['x0', 'color']);
  for (let r = 0; r < 2; r++) {
    const sum = g.baseValue[0] + g.values[r * 2] + g.values[r * 2 + 1];
    assert.ok(Math.abs(sum - g.prediction[r]) < 1e-9, `row ${r}: efficiency after grouping`);
    const members = e.values[r * 4 + 1] + e.values[r * 4 + 2] + e.values[r * 4 + 3];
    assert.ok(Math.abs(g.values[r * 2 + 1] - members) < 1e-12, 'group value = sum of its columns');
  }
  assert.equal(g.inputs[1], 0, 'row 0 is red (index 0 of the group)');
  assert.equal(g.inputs[3], 2, 'row 1 is blue (index 2 of the group)');
  assert.equal(groupOneHot(explanation, {}), explanation, 'no groups: unchanged');
});
