/**
 * Clean real data sets (fixtures/real) with their library predictions: slices may be reported,
 * but a finding needs q < 0.05 after Benjamini–Hochberg over every slice SliceLine evaluated.
 * The counts are printed so that drift in them is visible; the assertions check the contract
 * (findings are exactly the significant, worse-than-rest slices), not a fixed count.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findJaggedSlices } from '../../../server/engine/slices/findJaggedSlices';
import { FIXTURES_ROOT, loadExpectedOutputs, loadNumericCsv, numericColumn } from './fixtureData';

interface Manifest {
  readonly task: 'binary' | 'multiclass' | 'regression';
  readonly label_column: string;
  readonly feature_columns: string[];
  readonly models: Record<string, { metrics_test?: Record<string, number> }>;
}

const DATASETS = ['boston', 'breast_cancer', 'diabetes', 'iris', 'pima', 'wine'];
const FDR_LEVEL = 0.05;
/** Manifest metrics are sklearn's on the same predictions, printed to 10 digits. */
const METRIC_TOLERANCE = 1e-8;

for (const name of DATASETS) {
  test(`real/${name}: findings are exactly the slices with q < ${FDR_LEVEL} and worse than the rest`, () => {
    const dir = join(FIXTURES_ROOT, 'real', name);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    const data = loadNumericCsv(join(dir, 'test.csv'));
    const labels = numericColumn(data, manifest.label_column);
    for (const model of Object.keys(manifest.models)) {
      const outputs = loadExpectedOutputs(join(dir, `${model}.expected.json`)).values;
      const binary = manifest.task === 'binary';
      const predictions = Float64Array.from(outputs.flatMap((row) => (binary ? [row[1]] : row)));
      const result = findJaggedSlices({
        dataset: data,
        features: manifest.feature_columns,
        labels,
        predictions,
        task: manifest.task === 'regression' ? 'regression' : 'classification',
        outputWidth: binary ? 1 : outputs[0].length,
      });
      // Overall metrics agree with sklearn's (manifest metrics_test) on the same predictions.
      const reference = manifest.models[model].metrics_test ?? {};
      const overall = result.summary.overallMetrics;
      const value = (m: unknown): number => (typeof m === 'number' ? m : (m as { value: number }).value);
      if (reference.accuracy !== undefined) {
        assert.ok(Math.abs(1 - value(overall.error_rate) - reference.accuracy) < METRIC_TOLERANCE, `${name}/${model} accuracy`);
      }
      if (reference.roc_auc !== undefined && binary) {
        assert.ok(Math.abs(value(overall.roc_auc) - reference.roc_auc) < METRIC_TOLERANCE, `${name}/${model} roc_auc`);
      }
      const significant = result.slices.filter((s) => s.qValue < FDR_LEVEL && s.value > s.complement);
      assert.equal(result.findings.length, significant.length, `${name}/${model}`);
      for (const f of result.findings) assert.ok((f.evidence.qValue as number) < FDR_LEVEL);
      for (const s of result.slices) assert.ok(s.qValue >= s.pValue, `${name}/${model}: q ≥ p`);
      const top = result.slices[0];
      console.log(
        `${name}/${model}: ${result.findings.length} findings of ${result.slices.length} reported slices ` +
          `(${result.summary.evaluatedSlices} evaluated); top ${top ? `${top.label}, q = ${top.qValue.toPrecision(2)}` : 'none'}`,
      );
    }
  });
}
