/**
 * SliceLine benchmark: time of the exact slice search on synthetic data, as a ratio to a
 * reference measured in the same run — one pass accumulating per-bin error sums over all
 * rows and features, i.e. SliceLine's level 1 (DESIGN.md: ratios, never bare times, as pass/fail).
 * Absolute milliseconds are reported beside the ratios for the ≤ 1 s goal at 30k rows.
 *
 * Run alone: node --import tsx scripts/bench/sliceLineBench.ts
 */
import type { Column, Dataset } from '../../server/loaders/data/dataset';
import { binFeatures } from '../../server/engine/slices/binning';
import { findJaggedSlices } from '../../server/engine/slices/findJaggedSlices';
import { sliceLine } from '../../server/engine/slices/sliceLine';
import type { CodeArray } from '../../server/engine/slices/sliceLineTypes';
import { createSeededRandom, randomInt } from '../../server/engine/stats/seededRandom';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const FEATURES = 14;
/** Half the features are integer codes (3–12 levels), half continuous (binned into quintiles). */
const CATEGORICAL_FEATURES = 7;
/** Base error rate and the planted slice's, like a decent classifier with one weak subgroup. */
const BASE_ERROR = 0.1;
const SLICE_ERROR = 0.45;
/** Timed repetitions after one warm-up run: the minimum filters GC pauses. */
const REPETITIONS = 3;
const SEED = 2021;

function syntheticDataset(rows: number): { data: Dataset; errors: Float64Array; labels: Float64Array; predictions: Float64Array } {
  const random = createSeededRandom(SEED);
  const columns: Column[] = [];
  for (let f = 0; f < FEATURES; f++) {
    if (f < CATEGORICAL_FEATURES) {
      const levels = 3 + (f * 3) % 10;
      columns.push({ kind: 'numeric', name: `cat${f}`, integer: true, values: Float64Array.from({ length: rows }, () => randomInt(random, levels)) });
    } else {
      columns.push({ kind: 'numeric', name: `num${f}`, integer: false, values: Float64Array.from({ length: rows }, () => random() * 100) });
    }
  }
  const c0 = (columns[0] as { values: Float64Array }).values;
  const c1 = (columns[1] as { values: Float64Array }).values;
  const errors = new Float64Array(rows);
  const labels = new Float64Array(rows);
  const predictions = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const inSlice = c0[r] === 1 && c1[r] === 2;
    errors[r] = random() < (inSlice ? SLICE_ERROR : BASE_ERROR) ? 1 : 0;
    labels[r] = random() < 0.5 ? 1 : 0;
    // A confident prediction, wrong exactly when errors[r] = 1.
    predictions[r] = (labels[r] === 1) !== (errors[r] === 1) ? 0.8 : 0.2;
  }
  return { data: { source: `synthetic ${rows}×${FEATURES}`, rowCount: rows, columns }, errors, labels, predictions };
}

function timeMin(run: () => void): number {
  run(); // warm-up: the first call pays for JIT compilation
  let best = Infinity;
  for (let i = 0; i < REPETITIONS; i++) {
    const t0 = performance.now();
    run();
    best = Math.min(best, performance.now() - t0);
  }
  return best;
}

/** The reference: per-bin error sums and counts of every feature, one pass over the codes. */
function binErrorSums(codes: readonly CodeArray[], domains: readonly number[], errors: Float64Array): number {
  let checksum = 0;
  codes.forEach((col, f) => {
    const sums = new Float64Array(domains[f]);
    const counts = new Float64Array(domains[f]);
    for (let r = 0; r < col.length; r++) {
      const c = col[r];
      if (c < 0) continue;
      sums[c] += errors[r];
      counts[c]++;
    }
    checksum += sums[0] + counts[0];
  });
  return checksum;
}

function benchSize(rows: number, label: string, withEndToEnd: boolean): BenchResult[] {
  const { data, errors, labels, predictions } = syntheticDataset(rows);
  const names = data.columns.map((c) => c.name);
  const binned = binFeatures(data, names);
  const codes = binned.map((b) => b.codes);
  const domains = binned.map((b) => b.bins.length);
  const minSupport = Math.ceil(0.01 * rows);
  const reference = timeMin(() => binErrorSums(codes, domains, errors));
  const results: BenchResult[] = [];
  for (const maxLevel of [3, 0]) {
    let evaluated = 0;
    let top = '';
    const ms = timeMin(() => {
      const r = sliceLine({ codes, domains, errors, options: { k: 10, alpha: 0.95, minSupport, maxLevel } });
      evaluated = r.evaluatedCount;
      top = r.top[0]?.items.map((it) => binned[it.feature].bins[it.value].label).join(' AND ') ?? 'none';
    });
    const levelName = maxLevel === 0 ? 'unlimited levels' : `max ${maxLevel} predicates`;
    results.push({
      name: `sliceline_${label}_${maxLevel === 0 ? 'all_levels' : `l${maxLevel}`}_ratio`,
      value: ms / reference,
      unit: 'x reference pass',
      note: `${rows} rows × ${FEATURES} features, ${levelName}: ${ms.toFixed(0)} ms vs ${reference.toFixed(1)} ms for one per-bin error-sum pass; ${evaluated} slices evaluated; top: ${top}`,
    });
    results.push({
      name: `sliceline_${label}_${maxLevel === 0 ? 'all_levels' : `l${maxLevel}`}_ms`,
      value: ms,
      unit: 'ms',
      note: rows <= 30_000 ? 'goal ≤ 1000 ms on a 2-core machine (informational; the ratio is the measure)' : 'informational',
    });
  }
  if (withEndToEnd) {
    const ms = timeMin(() =>
      findJaggedSlices({ dataset: data, features: names, labels, predictions, task: 'classification', outputWidth: 1 }),
    );
    results.push({
      name: `find_jagged_slices_${label}_ratio`,
      value: ms / reference,
      unit: 'x reference pass',
      note: `end to end (binning, SliceLine max 3 predicates, tests, metrics with bootstrap ECE): ${ms.toFixed(0)} ms`,
    });
  }
  return results;
}

export async function benchSliceLine(): Promise<Array<{ name: string; value: number; unit: string; note?: string }>> {
  return [...benchSize(30_000, '30k', true), ...benchSize(1_000_000, '1m', false)];
}

if (require.main === module) {
  benchSliceLine().then((results) => {
    for (const r of results) console.log(`${r.name}: ${r.value.toFixed(2)} ${r.unit}${r.note ? `  (${r.note})` : ''}`);
  });
}
