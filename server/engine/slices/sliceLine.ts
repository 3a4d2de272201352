import { generateCandidates } from './sliceCandidates';
import { evaluateCandidates } from './sliceEvaluation';
import { buildItemIndex, type ItemIndex } from './sliceItems';
import { selectValidSlices, type SliceLevel } from './sliceLattice';
import type { ScoredSlice, SliceLineInput, SliceLineLevelStats, SliceLineResult } from './sliceLineTypes';
import { sliceScore } from './sliceScore';
import { SliceTopK } from './sliceTopK';

/**
 * SliceLine: exact top-K slices (conjunctions of feature == value predicates) where a model's
 * errors concentrate (Sagadeeva & Boehm, SIGMOD 2021, Algorithm 1). Level-wise lattice
 * enumeration from 1-predicate slices upward; each level's candidates are joined from the
 * previous level's valid slices, pruned by size, missing parents and the score upper bound
 * against the current top-K, then evaluated on the data. Pruning is exact: no slice that an
 * exhaustive enumeration would rank in the top-K is lost (property-tested against brute force).
 *
 * @throws RangeError when the inputs disagree in length or an option is out of range
 */
export function sliceLine(input: SliceLineInput): SliceLineResult {
  validate(input);
  const { errors, options } = input;
  const n = errors.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += errors[i];
  const averageError = n > 0 ? total / n : NaN;
  const featureCount = input.domains.length;
  const maxLevel = Math.min(featureCount, options.maxLevel > 0 ? options.maxLevel : featureCount);
  const topK = new SliceTopK(options.k, options.minSupport);
  const levels: SliceLineLevelStats[] = [];
  if (!(averageError > 0) || featureCount === 0) {
    return { top: [], rowCount: n, averageError, levels, evaluatedCount: 0 };
  }

  const index = buildItemIndex(input.codes, input.domains, errors);
  const basic = basicSlices(index);
  offerAll(basic, topK, averageError, options.alpha, n);
  let evaluatedCount = countNonEmpty(basic);
  let previous = selectValidSlices(basic, options.minSupport);
  levels.push({ level: 1, generated: index.itemCount, evaluated: index.itemCount, valid: previous.count, topKMinScore: topK.minScore() });

  for (let level = 2; level <= maxLevel && previous.count > 1; level++) {
    const candidates = generateCandidates(previous, {
      itemFeature: index.itemFeature,
      averageError,
      minSupport: options.minSupport,
      alpha: options.alpha,
      rowCount: n,
      threshold: topK.pruningThreshold(),
    });
    const evaluated = evaluateCandidates(candidates, previous, index, errors);
    offerAll(evaluated, topK, averageError, options.alpha, n);
    evaluatedCount += evaluated.count;
    previous = selectValidSlices(evaluated, options.minSupport);
    levels.push({ level, generated: candidates.generated, evaluated: evaluated.count, valid: previous.count, topKMinScore: topK.minScore() });
  }

  const top: ScoredSlice[] = topK.entries().map((e) => ({
    items: Array.from(e.items, (item) => ({ feature: index.itemFeature[item], value: index.itemValue[item] })),
    score: e.score,
    errorSum: e.errorSum,
    maxError: e.maxError,
    size: e.size,
  }));
  return { top, rowCount: n, averageError, levels, evaluatedCount };
}

function basicSlices(index: ItemIndex): SliceLevel {
  const items = new Int32Array(index.itemCount);
  for (let i = 0; i < index.itemCount; i++) items[i] = i;
  return { level: 1, count: index.itemCount, items, size: index.size, errorSum: index.errorSum, maxError: index.maxError };
}

function offerAll(level: SliceLevel, topK: SliceTopK, averageError: number, alpha: number, n: number): void {
  const L = level.level;
  for (let i = 0; i < level.count; i++) {
    const size = level.size[i];
    if (size === 0) continue;
    const score = sliceScore(size, level.errorSum[i], averageError, alpha, n);
    if (!(score > 0)) continue;
    topK.offer({
      items: level.items.slice(i * L, (i + 1) * L),
      score,
      errorSum: level.errorSum[i],
      maxError: level.maxError[i],
      size,
    });
  }
}

function countNonEmpty(level: SliceLevel): number {
  let c = 0;
  for (let i = 0; i < level.count; i++) if (level.size[i] > 0) c++;
  return c;
}

function validate(input: SliceLineInput): void {
  const { codes, domains, errors, options } = input;
  if (codes.length !== domains.length) {
    throw new RangeError(`sliceLine: ${codes.length} code arrays but ${domains.length} domains; pass one domain size per feature.`);
  }
  codes.forEach((c, f) => {
    if (c.length !== errors.length) {
      throw new RangeError(`sliceLine: feature ${f} has ${c.length} codes but there are ${errors.length} errors; pass one code per row.`);
    }
    for (let r = 0; r < c.length; r++) {
      if (!(c[r] < domains[f]) || !Number.isInteger(c[r])) {
        throw new RangeError(`sliceLine: feature ${f}, row ${r} has code ${c[r]}; codes must be integers below the domain size ${domains[f]} (negative = no predicate).`);
      }
    }
  });
  for (let i = 0; i < errors.length; i++) {
    if (!(errors[i] >= 0) || !Number.isFinite(errors[i])) {
      throw new RangeError(`sliceLine: error of row ${i} is ${errors[i]}; errors must be finite and ≥ 0.`);
    }
  }
  if (!(options.alpha >= 0 && options.alpha <= 1)) throw new RangeError(`sliceLine: alpha is ${options.alpha}; it must be in [0, 1].`);
  if (!(options.k >= 1)) throw new RangeError(`sliceLine: k is ${options.k}; it must be at least 1.`);
  if (!(options.minSupport >= 1)) throw new RangeError(`sliceLine: minSupport is ${options.minSupport}; it must be at least 1 row.`);
}
