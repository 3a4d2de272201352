/**
 * Shape curves of the most important features — partial dependence with ICE (Friedman
 * 2001; Goldstein et al. 2015) and accumulated local effects (Apley & Zhu 2020), which
 * stays honest when features are correlated — plus Friedman's H for the top pairs.
 */
import { accumulatedLocalEffects } from '../engine/attribution/accumulatedLocalEffects';
import { accumulatedLocalEffectsCategorical } from '../engine/attribution/accumulatedLocalEffectsCategorical';
import { interactionStrength } from '../engine/attribution/interactionStrength';
import { partialDependence } from '../engine/attribution/partialDependence';
import { sampleWithoutReplacement, seededRandom } from '../engine/attribution/random';
import { matrixRows, matrixColumn, type FeatureMatrix } from '../engine/evaluator/featureMatrix';
import type { InteractionSummary, ShapeCurve } from '../results/report';
import type { ModelContext } from './loadModelContext';

/** Features with curves; the report shows these, hovers show their sparklines. */
const SHAPE_FEATURES = 8;
const SHAPE_ROWS = 400;
const ICE_ROWS = 25;
const GRID = 20;
const INTERACTION_FEATURES = 4;
/** A numeric feature with at most this many distinct values is drawn on its own values. */
const DISCRETE_LEVELS = 12;

export interface ShapesStageResult {
  readonly shapes: ShapeCurve[];
  readonly interactions: InteractionSummary[];
}

export async function shapesStage(ctx: ModelContext, importance: ReadonlyMap<string, number>, seed: number): Promise<ShapesStageResult> {
  const split = (ctx.test ?? ctx.train)!;
  const data = sample(split.matrix, SHAPE_ROWS, seed);
  const ranked = [...ctx.features].sort((a, b) => (importance.get(b) ?? 0) - (importance.get(a) ?? 0));
  const outputs = ctx.evaluator.outputWidth;
  const outputName = (o: number): string | undefined => (outputs > 1 ? ctx.classes?.[o] ?? String(o) : undefined);
  const shapes: ShapeCurve[] = [];
  for (const feature of ranked.slice(0, SHAPE_FEATURES)) {
    const j = ctx.features.indexOf(feature);
    const column = matrixColumn(data, j);
    const levels = [...new Set(Array.from(column).filter((v) => !Number.isNaN(v)))].sort((a, b) => a - b);
    if (levels.length < 2) continue;
    const dictionary = ctx.dictionaries[j];
    const discrete = dictionary !== undefined || levels.length <= DISCRETE_LEVELS;
    const pd = await partialDependence(ctx.evaluator, data, j, discrete ? { grid: levels, ice: true } : { gridResolution: GRID, ice: true });
    pd.forEach((c, o) => {
      const labels = dictionary ? c.grid.map((g) => dictionary[Number(g)] ?? String(g)) : undefined;
      shapes.push({ ...c, ice: c.ice?.slice(0, ICE_ROWS), ...(outputName(o) ? { output: outputName(o) } : {}), ...(labels ? { labels } : {}) });
    });
    const ale = discrete
      ? await accumulatedLocalEffectsCategorical(ctx.evaluator, data, j, { order: 'code', ...(dictionary ? { levelNames: new Map(dictionary.map((v, k) => [k, v])) } : {}) })
      : await accumulatedLocalEffects(ctx.evaluator, data, j, { intervals: GRID });
    ale.forEach((c, o) => shapes.push({ ...c, ...(outputName(o) ? { output: outputName(o) } : {}) }));
  }
  const top = ranked.slice(0, INTERACTION_FEATURES).map((f) => ctx.features.indexOf(f));
  const pairs: [number, number][] = [];
  for (let a = 0; a < top.length; a++) for (let b = a + 1; b < top.length; b++) pairs.push([top[a], top[b]]);
  const interactions = pairs.length ? await interactionStrength(ctx.evaluator, data, { pairs, sampleSize: 100, seed }) : [];
  return { shapes, interactions: interactions.map((p) => ({ features: p.features, h: p.h })).sort((a, b) => b.h - a.h) };
}

function sample(m: FeatureMatrix, k: number, seed: number): FeatureMatrix {
  if (m.rows <= k) return m;
  return matrixRows(m, Array.from(sampleWithoutReplacement(m.rows, k, seededRandom(seed))).sort((a, b) => a - b));
}
