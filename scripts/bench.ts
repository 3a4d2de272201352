/**
 * `npm run bench`: speed as ratios against references measured in the same run (or stored
 * reference timings of other libraries on this kind of machine). Never fails: it prints.
 */
import { benchAttribution } from './bench/attributionBench';
import { benchSliceLine } from './bench/sliceLineBench';
import { benchTreeShap } from './bench/treeShapBench';
import { benchPipeline } from './bench/pipelineBench';
import { benchLsp } from './bench/lspBench';
import { benchMemory } from './bench/memoryBench';
import { benchBatch } from './bench/batchBench';

type Row = { name: string; value: number; unit: string; note?: string };

async function section(title: string, run: () => Promise<Row[]>): Promise<void> {
  process.stdout.write(`\n== ${title}\n`);
  try {
    for (const r of await run()) {
      const v = Math.abs(r.value) >= 100 ? r.value.toFixed(0) : r.value.toPrecision(3);
      process.stdout.write(`${r.name.padEnd(64)} ${v.padStart(10)} ${r.unit}${r.note ? `   (${r.note})` : ''}\n`);
    }
  } catch (e) {
    process.stdout.write(`  skipped: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}

async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const sections: [string, () => Promise<Row[]>][] = [
    ['pipeline (check on examples/)', benchPipeline],
    ['TreeSHAP', benchTreeShap],
    ['SliceLine', benchSliceLine],
    ['attribution', benchAttribution],
    ['LSP responsiveness (long analysis)', benchLsp],
    ['memory at scale (1M rows × 50, CSV and Parquet)', benchMemory],
    ['evaluator batch size and threads', benchBatch],
  ];
  for (const [title, run] of sections) if (!only.length || only.some((o) => title.toLowerCase().includes(o.toLowerCase()))) await section(title, run);
}

void main();
