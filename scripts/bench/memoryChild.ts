/**
 * Child process of memoryBench.ts (so its peak RSS is its own): loads one model of a folder
 * and, with `analyze`, runs the whole analysis; prints one JSON line with the peak RSS
 * (VmHWM) after loading and at the end, and the stage timings.
 */
import { readFileSync } from 'node:fs';
import { discoverWorkspace } from '../../server/discovery/discoverWorkspace';
import { DEFAULT_ANALYSIS } from '../../server/discovery/configFile';
import { loadModelContext } from '../../server/pipeline/loadModelContext';
import { analyzeModel } from '../../server/pipeline/analyzeModel';

/**
 * Peak RSS of this process in bytes: VmHWM of /proc/self/status on Linux, the high-water mark
 * of this program's own address space. getrusage's maxrss survives execve, so a child spawned
 * by a bench that just held the generated data would report the parent's RSS as its own.
 */
function peakRss(): number {
  try {
    const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (hwm) return Number(hwm[1]) * 1024;
  } catch {
    // Not Linux: getrusage below.
  }
  return process.resourceUsage().maxRSS * 1024;
}

async function main(): Promise<void> {
  const [folder, name, mode] = process.argv.slice(2);
  const discovery = await discoverWorkspace(folder);
  const resolved = discovery.models.find((m) => m.name === name);
  if (!resolved) throw new Error(`no model ${name} in ${folder}`);
  const peak = peakRss;
  const t0 = performance.now();
  if (mode === 'analyze') {
    // Peak RSS when each stage starts (getrusage: the high-water mark so far), to see which stage grows it.
    const stages: Record<string, number> = {};
    const onProgress = (message: string): void => void (stages[message.replace(` ${name}`, '').replace(/ of$/, '')] = Math.round(peak() / 2 ** 20));
    const { report, context } = await analyzeModel(folder, resolved, { settings: DEFAULT_ANALYSIS, onProgress });
    await context.evaluator.dispose();
    process.stdout.write(`${JSON.stringify({ peakRss: peak(), ms: performance.now() - t0, stages, timings: report.timings, sampling: report.sampling })}\n`);
    return;
  }
  // The analysis path's loading: model sample of analysis.maxRows rows, every row predicted from the columns.
  const ctx = await loadModelContext(resolved, { threads: 1, modelRows: DEFAULT_ANALYSIS.maxRows, seed: 0 });
  const loadedPeak = peak();
  const split = (ctx.test ?? ctx.train)!;
  await ctx.evaluator.predictSource(split.rowSource);
  await ctx.evaluator.dispose();
  process.stdout.write(`${JSON.stringify({ loadedPeak, peakRss: peak(), ms: performance.now() - t0, rows: split.data.rowCount })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
