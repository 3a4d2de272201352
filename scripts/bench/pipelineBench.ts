import { resolve } from 'node:path';
import { checkWorkspace } from '../../server/pipeline/checkWorkspace';
import { loadModelContext } from '../../server/pipeline/loadModelContext';
import { discoverWorkspace } from '../../server/discovery/discoverWorkspace';

/**
 * Whole `check` on examples/ against pure ONNX Runtime time: the engine's overhead ratio
 * (total − model time) / model time, and the time to predict every row once as the unit.
 */
export async function benchPipeline(): Promise<{ name: string; value: number; unit: string; note?: string }[]> {
  const folder = resolve(__dirname, '../../examples');
  const t0 = performance.now();
  const result = await checkWorkspace(folder);
  const total = performance.now() - t0;
  const modelMs = result.report.models.reduce((s, m) => s + (m.timings?.modelMillis ?? 0), 0);
  // Reference: one prediction pass over every split of every model (the least any analysis must do).
  const d = await discoverWorkspace(folder);
  let onePass = 0;
  for (const m of d.models) {
    const ctx = await loadModelContext(m);
    const t = performance.now();
    for (const s of [ctx.train, ctx.test]) if (s) await ctx.evaluator.predict(s.matrix.data, s.matrix.rows);
    onePass += performance.now() - t;
    await ctx.evaluator.dispose();
  }
  return [
    { name: 'check examples/: total time', value: total, unit: 'ms' },
    { name: 'engine overhead (total − ORT time) / ORT time', value: (total - modelMs) / modelMs, unit: '×' },
    { name: 'total / one prediction pass over all splits', value: total / onePass, unit: '×', note: `one pass ${onePass.toFixed(0)} ms` },
  ];
}
