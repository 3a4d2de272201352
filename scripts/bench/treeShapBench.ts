import { FIXTURES } from '../../test/helpers/fixtures';
/**
 * TreeSHAP timing on the benchmark fixture (100 trees, depth 6, 10k rows × 20 features),
 * reported as ratios to xgboost's own TreeSHAP (fixtures/benchmark/timings_python.json,
 * measured on this kind of 2-core machine; xgboost is not installed here, so it cannot be
 * re-measured in the same run). Ratio = ours / reference: below 1 means faster than xgboost.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { decodeOnnx } from '../../server/loaders/model/onnxProto';
import { parseTreeEnsemble } from '../../server/engine/trees/treeEnsemble';
import { createTreePredictor } from '../../server/engine/trees/treePredictor';
import { prepareTreeShap, pathDependentTreeShap } from '../../server/engine/trees/treeShapPathDependent';
import { pathDependentTreeShapInteractions } from '../../server/engine/trees/treeShapInteractions';

const benchmarkDir = path.join(FIXTURES, 'benchmark');
/** Repetitions; the minimum is reported, as the reference file's `min_s` is the least noisy. */
const REPEATS = 3;
/** Rows for interaction values, matching the reference's 1k-row measurement. */
const INTERACTION_ROWS = 1000;

interface Timing {
  min_s: number;
  median_s: number;
}

function readBenchCsv(file: string): { rows: number; d: number; data: Float64Array } {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0].split(',');
  const cols = header.map((h, i) => (h === 'target' ? -1 : i)).filter((i) => i >= 0);
  const rows = lines.length - 1;
  const data = new Float64Array(rows * cols.length);
  for (let r = 0; r < rows; r++) {
    const cells = lines[r + 1].split(',');
    cols.forEach((c, j) => (data[r * cols.length + j] = cells[c] === '' ? NaN : Number(cells[c])));
  }
  return { rows, d: cols.length, data };
}

function bestOf(repeats: number, run: () => void): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const t0 = process.hrtime.bigint();
    run();
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return best;
}

export async function benchTreeShap(): Promise<Array<{ name: string; value: number; unit: string; note?: string }>> {
  const parsed = parseTreeEnsemble(decodeOnnx(readFileSync(path.join(benchmarkDir, 'xgb_100x6_margin.onnx'))));
  if (!parsed.ok) throw new Error(`xgb_100x6_margin.onnx: ${parsed.reason}`);
  const ensemble = parsed.model.ensemble;
  const { rows, data } = readBenchCsv(path.join(benchmarkDir, 'bench_10k.csv'));
  const timings = (JSON.parse(readFileSync(path.join(benchmarkDir, 'timings_python.json'), 'utf8')) as { timings: Record<string, Timing> }).timings;
  const reference = (key: string): number => {
    const t = timings[key];
    if (!t) throw new Error(`timings_python.json has no '${key}'`);
    return t.min_s;
  };

  let explainer = prepareTreeShap(ensemble);
  const prepareS = bestOf(REPEATS, () => (explainer = prepareTreeShap(ensemble)));
  const shapS = bestOf(REPEATS, () => pathDependentTreeShap(explainer, data, rows));
  const interactionData = data.subarray(0, INTERACTION_ROWS * ensemble.featureCount);
  const interactionS = bestOf(1, () => pathDependentTreeShapInteractions(explainer, interactionData, INTERACTION_ROWS));
  const predictor = createTreePredictor(ensemble, 'margin');
  const predictS = bestOf(REPEATS, () => predictor.predict(data, rows));

  const contribRef = reference('xgb_pred_contribs_10k_nthread1');
  const interactionRef = reference('xgb_pred_interactions_1k_nthread1');
  const predictRef = reference('xgb_inplace_predict_10k_nthread1');
  const source = 'reference from timings_python.json (xgboost 1.7.4, nthread=1, min of runs), not re-measured';
  return [
    { name: 'treeshap.path_dependent.10k.seconds', value: shapS, unit: 's', note: `${rows} rows, ${ensemble.trees.length} trees, one thread, min of ${REPEATS}` },
    { name: 'treeshap.path_dependent.10k.ratio_vs_xgboost', value: shapS / contribRef, unit: 'ratio', note: `ours / xgboost pred_contribs (${contribRef} s); ${source}` },
    { name: 'treeshap.prepare.seconds', value: prepareS, unit: 's', note: 'path data + leaf tables, once per model' },
    { name: 'treeshap.interactions.1k.ratio_vs_xgboost', value: interactionS / interactionRef, unit: 'ratio', note: `ours ${interactionS.toFixed(3)} s / xgboost pred_interactions (${interactionRef} s); ${source}` },
    { name: 'trees.predict_margin.10k.ratio_vs_xgboost', value: predictS / predictRef, unit: 'ratio', note: `pure-JS evaluator ${predictS.toFixed(4)} s / xgboost inplace_predict (${predictRef} s); ${source}` },
  ];
}

if (require.main === module) {
  benchTreeShap().then(
    (results) => results.forEach((r) => console.log(`${r.name}: ${r.value.toPrecision(4)} ${r.unit}${r.note ? `  (${r.note})` : ''}`)),
    (e: unknown) => {
      console.error(e instanceof Error ? e.message : e);
      process.exitCode = 1;
    },
  );
}
