/**
 * Peak memory of loading and analysing 1M rows × 50 float features (MODELDIAG_BENCH_MEM_ROWS),
 * from CSV and from Parquet, generated into a temporary folder. Each measurement runs in its
 * own child process (memoryChild.ts) and reads its peak RSS. Budget: 1.5 × the float64 data
 * (rows × 50 × 8 bytes) + 250 MB; reported as peak / budget (≤ 1 meets it).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetWriteFile } from 'hyparquet-writer';
import { encodeOnnx } from '../../server/loaders/model/onnxProto';
import { logisticMatrixModel } from '../../test/unit/remedies/handBuiltModels';
import { wideHeader, wideRows, writeWideCsv } from './scaleData';

type Row = { name: string; value: number; unit: string; note?: string };

const D = 50;
const MB = 1024 * 1024;

function writeParquet(file: string, rows: number): void {
  const names = wideHeader(D);
  const columns = names.map(() => new Float64Array(rows));
  let r = 0;
  for (const { x, y } of wideRows(rows, D)) {
    for (let j = 0; j < D; j++) columns[j][r] = x[j];
    columns[D][r] = y;
    r++;
  }
  parquetWriteFile({ filename: file, columnData: names.map((name, j) => ({ name, data: columns[j], type: 'DOUBLE' as const, nullable: false })) });
}

interface ChildResult {
  readonly peakRss: number;
  readonly loadedPeak?: number;
  readonly ms: number;
  /** Peak RSS (MB) so far when each stage starts. */
  readonly stages?: Record<string, number>;
  /** report.timings: milliseconds per stage. */
  readonly timings?: Record<string, number>;
  readonly sampling?: Record<string, { rows: number; modelRows: number; leakageRows: number }>;
}

function child(folder: string, model: string, mode: 'load' | 'analyze'): ChildResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(__dirname, 'memoryChild.ts'), folder, model, mode], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`${model} ${mode}: ${r.stderr.slice(-2000)}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as ChildResult;
}

export async function benchMemory(): Promise<Row[]> {
  const rows = Number(process.env.MODELDIAG_BENCH_MEM_ROWS ?? 1_000_000);
  const analyze = process.env.MODELDIAG_BENCH_MEM_ANALYZE !== '0';
  const ws = mkdtempSync(join(tmpdir(), 'modeldiag-membench-'));
  const out: Row[] = [];
  try {
    const features = wideHeader(D).slice(0, D);
    const model = logisticMatrixModel({ mean: features.map(() => 0), scale: features.map(() => 1), coef: features.map((_, j) => (j < 2 ? 1 : 0.01)), bias: 0 }, features);
    writeFileSync(join(ws, 'model.onnx'), encodeOnnx(model));
    await writeWideCsv(join(ws, 'wide.csv'), rows, D);
    writeParquet(join(ws, 'wide.parquet'), rows);
    const entry = (name: string, data: string): object => ({ name, model: 'model.onnx', data, target: 'target', task: 'classification' });
    writeFileSync(join(ws, 'modeldiag.json'), JSON.stringify({ models: [entry('csv', 'wide.csv'), entry('parquet', 'wide.parquet')] }));
    const floatBytes = rows * D * 8;
    const budget = 1.5 * floatBytes + 250 * MB;
    out.push({ name: `float64 data ${rows} × ${D}; budget 1.5 × data + 250 MB`, value: budget / MB, unit: 'MB', note: `data ${(floatBytes / MB).toFixed(0)} MB` });
    for (const format of ['csv', 'parquet'] as const) {
      const size = statSync(join(ws, `wide.${format}`)).size;
      const load = child(ws, format, 'load');
      out.push({ name: `${format}: load + model sample + predict all rows: peak RSS`, value: load.peakRss / MB, unit: 'MB', note: `${(load.peakRss / budget).toFixed(2)} × budget; file ${(size / MB).toFixed(0)} MB; ${(load.ms / 1000).toFixed(1)} s` });
      if (!analyze) continue;
      const full = child(ws, format, 'analyze');
      const rowsUsed = Object.values(full.sampling ?? {})[0];
      const used = rowsUsed ? `; rows: all ${rowsUsed.rows}, model sample ${rowsUsed.modelRows}, leakage sample ${rowsUsed.leakageRows}` : '';
      out.push({ name: `${format}: whole analysis: peak RSS`, value: full.peakRss / MB, unit: 'MB', note: `${(full.peakRss / budget).toFixed(2)} × budget; ${(full.ms / 1000).toFixed(1)} s${used}` });
      const seconds = Object.entries(full.timings ?? {})
        .filter(([k]) => k !== 'modelMillis')
        .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}`)
        .join(', ');
      out.push({ name: `${format}: whole analysis: seconds per stage`, value: full.ms / 1000, unit: 's', note: seconds });
      out.push({ name: `${format}: peak RSS (MB) when each stage starts`, value: full.peakRss / MB, unit: 'MB', note: JSON.stringify(full.stages) });
    }
  } finally {
    rmSync(ws, { recursive: true, force: true });
  }
  return out;
}
