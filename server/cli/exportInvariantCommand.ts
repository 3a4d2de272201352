import { resolve } from 'node:path';
import { exportInvariantModel } from '../pipeline/exportInvariantModel';
import { loadModelContext } from '../pipeline/loadModelContext';
import type { ExportInvariantArgs } from './args';
import { resolveModelArg } from './resolveModelArg';
import { writeStderr } from './stderr';

/**
 * `export-invariant`: writes an ONNX model whose predictions do not depend on a sensitive
 * input (marginalised over its observed distribution inside the graph) and prints the
 * fairness gap before and after as JSON.
 */
export async function runExportInvariant(args: ExportInvariantArgs): Promise<number> {
  const resolved = await resolveModelArg({ folder: args.folder, model: args.model, data: args.data });
  const context = await loadModelContext(resolved, { allowMissingTarget: true });
  try {
    const result = await exportInvariantModel({ context, sensitive: args.sensitive, outPath: resolve(args.out), maxValues: args.maxValues });
    process.stdout.write(`${JSON.stringify(result, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 1)}\n`);
    writeStderr(
      `invariant model written to ${result.outPath} (${result.values} values of "${result.sensitive}" per prediction); ` +
        `mean score gap ${result.before.meanScoreDifference.toFixed(4)} → ${result.after.meanScoreDifference.toFixed(4)}` +
        (result.before.flipRate !== undefined ? `, counterfactual flip rate ${result.before.flipRate.toFixed(4)} → ${(result.after.flipRate ?? 0).toFixed(4)}` : '') +
        '\n',
    );
    return 0;
  } finally {
    await context.evaluator.dispose();
  }
}
