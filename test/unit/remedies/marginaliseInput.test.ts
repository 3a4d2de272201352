/**
 * marginaliseInput on hand-built models run by onnxruntime-node: the exported model loads,
 * ignores the sensitive input, equals the brute-force average of the original model, keeps
 * the original input/output names, types and shapes, and is built in the model's own opset.
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import * as ort from 'onnxruntime-node';
import { decodeOnnx, encodeOnnx, OnnxDataType, type OnnxModel } from '../../../server/loaders/model/onnxProto';
import { doubleTensor, intAttribute, node, tensorValueInfo } from '../../../server/engine/graph/onnxBuild';
import { openOnnxModel } from '../../../server/loaders/model/onnxModel';
import { marginaliseInput, MARGINALISED_METADATA_KEY, type MarginalSpec } from '../../../server/engine/remedies/marginaliseInput';
import { logisticColumnsModel, logisticMatrixModel, treeClassifierModel, type Logistic, type Tree } from './handBuiltModels';
import { bruteForce, labelMismatches, maxAbsDiff, run, seededRandom, withColumn, type Layout } from './ortRuns';

/** The sensitive input cannot matter at all: every block sees identical rows. */
const INVARIANCE_TOLERANCE = 1e-6;
/** float32 averaging inside the graph vs float64 averaging of float32 outputs here. */
const BRUTE_FORCE_TOLERANCE = 1e-5;
/** Labels of rows whose top two averaged probabilities are closer than this may go either way. */
const LABEL_TIE_TOLERANCE = 1e-5;

/** The original models' outputs move at least this much with the sensitive input. */
const ORIGINAL_DEPENDENCE = 0.05;

const ROWS = 200;
const D = 4;
const S = 2; // the sensitive column (binary group code)
const LOGISTIC: Logistic = { mean: [1, 0, 0.3, 2], scale: [2, 1, 0.46, 1.5], coef: [0.8, -1.1, 1.4, 0.5], bias: -0.2 };
const FEATURES = ['income', 'score', 'group', 'tenure'];

function rows(seed: number): Float32Array {
  const rand = seededRandom(seed);
  const x = Float32Array.from({ length: ROWS * D }, (_, i) => (i % D === S ? (rand() < 0.3 ? 1 : 0) : 4 * rand() - 1));
  x[5 * D + S] = NaN; // a missing sensitive value must not leak into the average (NaN · 0 = NaN)
  return x;
}

interface Case {
  readonly name: string;
  readonly model: OnnxModel;
  readonly layout: Layout;
  readonly spec: MarginalSpec;
  readonly classLabels: readonly (string | number)[];
}

/** Two depth-2 trees splitting on the group column, with class labels other than 0..C-1. */
function groupTrees(): Tree[] {
  const leaf = (w: number[]) => ({ feature: -1, weights: w });
  return [
    { nodes: [{ feature: S, threshold: 0.5, yes: 1, no: 2 }, { feature: 0, threshold: 1, yes: 3, no: 4 }, { feature: 1, threshold: 0, yes: 5, no: 6 }, leaf([0.3, 0.1, 0.1]), leaf([0.1, 0.35, 0.05]), leaf([0.05, 0.1, 0.35]), leaf([0.2, 0.2, 0.1])] },
    { nodes: [{ feature: 3, threshold: 0.5, yes: 1, no: 2 }, { feature: S, threshold: 0.5, yes: 3, no: 4 }, leaf([0.1, 0.1, 0.3]), leaf([0.35, 0.1, 0.05]), leaf([0.05, 0.3, 0.15])] },
  ];
}

function cases(): Case[] {
  const binary: MarginalSpec = { sensitive: { kind: 'column', index: S }, values: [0, 1], weights: [0.7, 0.3] };
  const matrix: Layout = { kind: 'matrix', input: 'input' };
  const atOpset = (m: OnnxModel, version: number): OnnxModel => ({ ...m, opsetImport: [{ domain: '', version }, { domain: 'ai.onnx.ml', version: 3 }] });
  return [
    { name: 'logistic, [N, d] input, opset 17', model: logisticMatrixModel(LOGISTIC, FEATURES), layout: matrix, spec: binary, classLabels: [0, 1] },
    { name: 'logistic, opset 11 (axes as attributes)', model: atOpset(logisticMatrixModel(LOGISTIC, FEATURES), 11), layout: matrix, spec: binary, classLabels: [0, 1] },
    { name: 'logistic, opset 9 (Slice bounds as attributes)', model: atOpset(logisticMatrixModel(LOGISTIC, FEATURES), 9), layout: matrix, spec: binary, classLabels: [0, 1] },
    {
      name: 'logistic, one input per column',
      model: logisticColumnsModel(LOGISTIC, FEATURES),
      layout: { kind: 'columns', inputs: FEATURES },
      spec: { sensitive: { kind: 'input', name: 'group' }, values: [0, 1], weights: [0.7, 0.3] },
      classLabels: [0, 1],
    },
    {
      name: 'tree ensemble, int64 class labels 10/20/30, three sensitive values',
      model: treeClassifierModel(groupTrees(), D, [10, 20, 30], FEATURES),
      layout: matrix,
      spec: { sensitive: { kind: 'column', index: S }, values: [0, 1, 2], weights: [0.5, 0.3, 0.2] },
      classLabels: [10, 20, 30],
    },
    { name: 'tree ensemble, string class labels', model: treeClassifierModel(groupTrees(), D, ['low', 'mid', 'high'], FEATURES), layout: matrix, spec: binary, classLabels: ['low', 'mid', 'high'] },
  ];
}

for (const c of cases()) {
  test(`marginaliseInput: ${c.name}`, async (t) => {
    const exported = marginaliseInput(c.model, c.spec);
    const original = await ort.InferenceSession.create(encodeOnnx(c.model));
    // (a) loads in onnxruntime
    const session = await ort.InferenceSession.create(encodeOnnx(exported.model));
    // (d) same inputs and outputs, declared and actual
    assert.deepEqual(session.inputNames, original.inputNames);
    assert.deepEqual(session.outputNames, original.outputNames);
    assert.deepEqual(exported.model.graph?.input, c.model.graph?.input);
    assert.deepEqual(exported.model.graph?.output, c.model.graph?.output);
    const x = rows(11);
    const values = c.spec.values as number[];
    const base = await run(session, c.layout, x, ROWS, D, 'probabilities', 'label');
    const before = await run(original, c.layout, x, ROWS, D, 'probabilities', 'label');
    assert.deepEqual(base.dims, before.dims);
    assert.deepEqual(base.types, before.types);
    // (b) invariance: observed, unobserved and missing sensitive values give the same outputs
    let invariance = 0;
    for (const u of [...values, 0.5, -3, NaN]) {
      const moved = await run(session, c.layout, withColumn(x, D, S, u), ROWS, D, 'probabilities', 'label');
      invariance = Math.max(invariance, maxAbsDiff(moved.probabilities, base.probabilities));
      assert.deepEqual(moved.labels, base.labels, `labels changed when the sensitive input was set to ${u}`);
    }
    assert.ok(invariance <= INVARIANCE_TOLERANCE, `max change ${invariance} when only the sensitive input changes`);
    // The original does use the input, so the invariance above is the rewrite's doing.
    const at = (u: number) => run(original, c.layout, withColumn(x, D, S, u), ROWS, D, 'probabilities', 'label');
    assert.ok(maxAbsDiff((await at(values[0])).probabilities, (await at(values[1])).probabilities) > ORIGINAL_DEPENDENCE);
    // (c) the brute-force average of the original model
    const brute = await bruteForce(original, c.layout, x, ROWS, D, S, values, c.spec.weights, 'probabilities', 'label');
    const error = maxAbsDiff(base.probabilities, brute);
    assert.ok(error <= BRUTE_FORCE_TOLERANCE, `max |exported − Σ w_k f(x, v_k)| = ${error}`);
    assert.deepEqual(labelMismatches(brute, base.classes, base.labels, c.classLabels, LABEL_TIE_TOLERANCE), []);
    assert.ok(exported.model.metadataProps?.some((p) => p.key === MARGINALISED_METADATA_KEY));
    t.diagnostic(`invariance max diff ${invariance}; vs brute force ${error.toExponential(2)}; notes: ${exported.notes.join('; ')}`);
  });
}

test('marginaliseInput: a skl2onnx-style ZipMap is re-applied, and the loader sees the same probability tensor name', async () => {
  const model = logisticMatrixModel(LOGISTIC, FEATURES, true);
  const exported = marginaliseInput(model, { sensitive: { kind: 'column', index: S }, values: [0, 1], weights: [0.6, 0.4] });
  assert.deepEqual(exported.model.graph?.output, model.graph?.output);
  assert.ok(exported.notes.some((n) => /ZipMap/.test(n)));
  const viaLoader = await openOnnxModel('exported.onnx', encodeOnnx(exported.model));
  const originalViaLoader = await openOnnxModel('original.onnx', encodeOnnx(model));
  assert.deepEqual(viaLoader.session.outputNames, originalViaLoader.session.outputNames);
  const x = rows(5);
  const layout: Layout = { kind: 'matrix', input: 'input' };
  const ours = await run(viaLoader.session, layout, x, ROWS, D, 'probability_tensor', 'output_label');
  const brute = await bruteForce(originalViaLoader.session, layout, x, ROWS, D, S, [0, 1], [0.6, 0.4], 'probability_tensor', 'output_label');
  assert.ok(maxAbsDiff(ours.probabilities, brute) <= BRUTE_FORCE_TOLERANCE);
  assert.deepEqual(labelMismatches(brute, 2, ours.labels, [0, 1], LABEL_TIE_TOLERANCE), []);
});

test('marginaliseInput: weights are normalised and recorded in the metadata', () => {
  const exported = marginaliseInput(logisticMatrixModel(LOGISTIC, FEATURES), { sensitive: { kind: 'column', index: S }, values: [0, 1], weights: [7, 3] });
  const record = JSON.parse(exported.model.metadataProps?.find((p) => p.key === MARGINALISED_METADATA_KEY)?.value ?? '{}') as { weights: number[] };
  assert.deepEqual(record.weights, [0.7, 0.3]);
  assert.doesNotThrow(() => decodeOnnx(encodeOnnx(exported.model)));
});

test('BAD CALL marginaliseInput: mismatched, negative or empty weights throw a RangeError naming the problem', () => {
  const m = logisticMatrixModel(LOGISTIC, FEATURES);
  const call = (spec: Partial<MarginalSpec>) => () => marginaliseInput(m, { sensitive: { kind: 'column', index: S }, values: [0, 1], weights: [0.5, 0.5], ...spec });
  assert.throws(call({ weights: [1] }), { name: 'RangeError', message: /2 values but 1 weights/ });
  assert.throws(call({ weights: [1, -1] }), { name: 'RangeError', message: /weight 1 is -1/ });
  assert.throws(call({ values: [], weights: [] }), { name: 'RangeError', message: /no values/ });
  assert.throws(call({ weights: [0, 0] }), { name: 'RangeError', message: /sum to 0/ });
});

test('BAD CALL marginaliseInput: a column outside the input, an unknown input name, or a column index on a per-column model', () => {
  const m = logisticMatrixModel(LOGISTIC, FEATURES);
  assert.throws(() => marginaliseInput(m, { sensitive: { kind: 'column', index: 9 }, values: [0], weights: [1] }), { name: 'RangeError', message: /column 9 is outside the input's 4 columns/ });
  assert.throws(() => marginaliseInput(m, { sensitive: { kind: 'input', name: 'race' }, values: [0], weights: [1] }), { name: 'RangeError', message: /no model input is named "race"/ });
  assert.throws(() => marginaliseInput(logisticColumnsModel(LOGISTIC, FEATURES), { sensitive: { kind: 'column', index: 2 }, values: [0], weights: [1] }), { name: 'RangeError', message: /has 4 inputs; name the sensitive input/ });
});

test('EXPECTED FAILURE marginaliseInput: an opset older than 9 is refused, not silently upgraded', () => {
  const m = { ...logisticMatrixModel(LOGISTIC, FEATURES), opsetImport: [{ domain: '', version: 8 }] };
  assert.throws(() => marginaliseInput(m, { sensitive: { kind: 'column', index: S }, values: [0, 1], weights: [1, 1] }), { name: 'RangeError', message: /opset 8; the rewrite needs ≥ 9/ });
});

/** Double arithmetic end to end. */
const DOUBLE_TOLERANCE = 1e-12;

test('marginaliseInput: an int64 [N, d] input and a double regression output', async () => {
  // value = Cast<double>(x) · [0.5, 2, -1]ᵀ, column 1 sensitive with values 2 and 5.
  const model: OnnxModel = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }],
    graph: {
      name: 'int_input',
      node: [node('Cast', ['x'], ['xd'], [intAttribute('to', OnnxDataType.DOUBLE)]), node('MatMul', ['xd', 'w'], ['value'])],
      initializer: [doubleTensor('w', [3, 1], [0.5, 2, -1])],
      input: [tensorValueInfo('x', OnnxDataType.INT64, ['N', 3])],
      output: [tensorValueInfo('value', OnnxDataType.DOUBLE, ['N', 1])],
    },
  };
  const exported = marginaliseInput(model, { sensitive: { kind: 'column', index: 1 }, values: [2, 5], weights: [0.25, 0.75] });
  const session = await ort.InferenceSession.create(encodeOnnx(exported.model));
  const x = BigInt64Array.from([1n, 0n, 3n, 4n, 9n, -2n]);
  const out = await session.run({ x: new ort.Tensor('int64', x, [2, 3]) });
  assert.equal(out.value.type, 'float64');
  assert.deepEqual(out.value.dims, [2, 1]);
  // Σ w_k (0.5·x0 + 2·v_k − x2) = 0.5·x0 − x2 + 2·(0.25·2 + 0.75·5)
  const expected = [0.5 * 1 - 3 + 8.5, 0.5 * 4 + 2 + 8.5];
  assert.ok(maxAbsDiff(Array.from(out.value.data as Float64Array), expected) <= DOUBLE_TOLERANCE);
});

test('marginaliseInput: a string sensitive input (one input per column) becomes a constant string column', async () => {
  // value = x + 1.5 · code(group), code from a LabelEncoder: a → 0, b → 1, c → 4.
  const model: OnnxModel = {
    irVersion: 8,
    opsetImport: [{ domain: '', version: 17 }, { domain: 'ai.onnx.ml', version: 2 }],
    graph: {
      name: 'string_input',
      node: [
        node('LabelEncoder', ['group'], ['code'], [{ name: 'keys_strings', type: 8, strings: ['a', 'b', 'c'].map((s) => Buffer.from(s)) }, { name: 'values_int64s', type: 7, ints: [0, 1, 4] }], 'encode', 'ai.onnx.ml'),
        node('Cast', ['code'], ['code_f'], [intAttribute('to', OnnxDataType.FLOAT)]),
        node('Mul', ['code_f', 'k'], ['effect']),
        node('Add', ['x', 'effect'], ['value']),
      ],
      initializer: [{ name: 'k', dims: [1], dataType: OnnxDataType.FLOAT, floatData: [1.5] }],
      input: [tensorValueInfo('x', OnnxDataType.FLOAT, ['N', 1]), tensorValueInfo('group', OnnxDataType.STRING, ['N', 1])],
      output: [tensorValueInfo('value', OnnxDataType.FLOAT, ['N', 1])],
    },
  };
  const exported = marginaliseInput(model, { sensitive: { kind: 'input', name: 'group' }, values: ['a', 'c'], weights: [0.5, 0.5] });
  const session = await ort.InferenceSession.create(encodeOnnx(exported.model));
  const x = new ort.Tensor('float32', Float32Array.from([1, 2, 3]), [3, 1]);
  const a = await session.run({ x, group: new ort.Tensor('string', ['a', 'b', 'c'], [3, 1]) });
  const b = await session.run({ x, group: new ort.Tensor('string', ['c', 'zzz', 'a'], [3, 1]) });
  const expected = [1, 2, 3].map((v) => v + 1.5 * (0.5 * 0 + 0.5 * 4));
  assert.ok(maxAbsDiff(Array.from(a.value.data as Float32Array), expected) <= BRUTE_FORCE_TOLERANCE);
  assert.deepEqual(Array.from(a.value.data as Float32Array), Array.from(b.value.data as Float32Array));
  assert.deepEqual(a.value.dims, [3, 1]);
});
