import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadModelContext } from '../../../server/pipeline/loadModelContext';
import { splitMetrics } from '../../../server/pipeline/splitMetrics';
import type { ResolvedModel } from '../../../server/discovery/resolvedModel';
import { FIXTURES, readJson, realDatasets, type ExpectedPredictions, type Manifest } from '../../helpers/fixtures';

function resolved(dir: string, onnx: string, features: string[], target: string, task?: 'classification' | 'regression'): ResolvedModel {
  return {
    name: onnx,
    modelPath: join(dir, onnx),
    test: join(dir, 'test.csv'),
    target,
    task,
    features,
    categorical: [],
    oneHot: {},
    sensitive: [],
    expect: {},
    ignore: [],
    savedSlices: [],
    origin: { kind: 'zero-config', reason: 'test' },
  };
}

function softmax(v: number[]): number[] {
  const m = Math.max(...v);
  const e = v.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}

/** Every fixture model with its expected predictions: {dir, expected file, features, target}. */
function cases(): { dir: string; expectedFile: string; features: string[]; target: string; task?: 'classification' | 'regression' }[] {
  const out: ReturnType<typeof cases> = [];
  for (const ds of realDatasets()) {
    const dir = join(FIXTURES, 'real', ds);
    const man = readJson<Manifest>('real', ds, 'manifest.json');
    for (const f of readdirSync(dir).filter((x) => /\.expected\.json$/.test(x))) {
      out.push({ dir, expectedFile: f, features: man.feature_columns, target: man.label_column, task: man.task === 'regression' ? 'regression' : 'classification' });
    }
  }
  for (const defect of readdirSync(join(FIXTURES, 'planted'))) {
    const dir = join(FIXTURES, 'planted', defect);
    const truth = readJson<{ feature_columns: string[]; label_column: string }>('planted', defect, 'planted_truth.json');
    out.push({ dir, expectedFile: 'model.expected.json', features: truth.feature_columns, target: truth.label_column, task: 'classification' });
  }
  return out;
}

test('the evaluator reproduces every fixture model’s expected predictions within the stated tolerance', async () => {
  let checked = 0;
  for (const c of cases()) {
    const exp = readJson<ExpectedPredictions & { data?: string }>(c.dir.slice(FIXTURES.length + 1), c.expectedFile);
    if (exp.data && exp.data !== 'test.csv') continue; // *_missing references use test_missing.csv (no labels)
    if (!existsSync(join(c.dir, exp.onnx))) continue;
    const ctx = await loadModelContext(resolved(c.dir, exp.onnx, exp.feature_columns, c.target, c.task), { threads: 1 });
    const split = ctx.test!;
    const scores = await ctx.evaluator.predict(split.matrix.data, split.matrix.rows);
    const ref = exp.outputs.probabilities ?? exp.outputs.variable;
    assert.ok(ref, `${exp.onnx}: reference output`);
    const rows = ref as number[][];
    const width = ctx.evaluator.outputWidth;
    let maxRef = 0;
    for (const r of rows) for (const v of r) maxRef = Math.max(maxRef, Math.abs(v));
    const tol = exp.tolerance_abs + exp.tolerance_rel * maxRef;
    let worst = 0;
    rows.forEach((r, i) => {
      if (width === 1) {
        const want = exp.outputs.probabilities ? r[ctx.positive] : r[0];
        const got = exp.outputs.probabilities || ctx.task === 'regression' ? scores[i] : scores[i];
        // Margin models score logistic(margin) as P(positive); compare in the model's own space.
        const mine = ctx.outputPlan.kind === 'logits' ? Math.log(got / (1 - got)) : got;
        worst = Math.max(worst, Math.abs(mine - want));
      } else {
        // Multiclass margin models: our scores are softmax(margins); compare against the softmax of the reference.
        const ref = ctx.outputPlan.kind === 'logits' ? softmax(r) : r;
        for (let k = 0; k < width; k++) worst = Math.max(worst, Math.abs(scores[i * width + k] - ref[k]));
      }
    });
    const marginTol = ctx.outputPlan.kind === 'logits' ? 1e-4 : tol; // logit of a float32 probability loses digits
    assert.ok(worst <= marginTol, `${c.dir}/${exp.onnx}: max |diff| ${worst} > ${marginTol}`);
    checked++;
    await ctx.evaluator.dispose();
  }
  assert.ok(checked >= 30, `checked ${checked} models`);
});

test('accuracy and ROC AUC from our predictions equal those from the expected predictions to 1e-6', async () => {
  for (const ds of realDatasets()) {
    const dir = join(FIXTURES, 'real', ds);
    const man = readJson<Manifest>('real', ds, 'manifest.json');
    if (man.task === 'regression') continue;
    for (const name of Object.keys(man.models)) {
      const exp = readJson<ExpectedPredictions>('real', ds, `${name}.expected.json`);
      const ctx = await loadModelContext(resolved(dir, exp.onnx, man.feature_columns, man.label_column, 'classification'), { threads: 1 });
      const split = ctx.test!;
      const width = ctx.evaluator.outputWidth;
      const ours = splitMetrics('classification', split.labels, await ctx.evaluator.predict(split.matrix.data, split.matrix.rows), width, ctx.positive);
      const probs = exp.outputs.probabilities as number[][];
      const refScores = new Float64Array(width === 1 ? probs.map((r) => r[1]) : probs.flat());
      const theirs = splitMetrics('classification', split.labels, refScores, width, 1);
      for (const key of ['accuracy', 'roc_auc'] as const) {
        assert.ok(Math.abs((ours[key] as number) - (theirs[key] as number)) <= 1e-6, `${ds}/${name} ${key}: ${ours[key]} vs ${theirs[key]}`);
      }
      if (man.models[name].metrics_test.accuracy !== undefined) assert.ok(Math.abs((ours.accuracy as number) - man.models[name].metrics_test.accuracy) < 1e-6, `${ds}/${name} accuracy vs manifest`);
      await ctx.evaluator.dispose();
    }
  }
});
