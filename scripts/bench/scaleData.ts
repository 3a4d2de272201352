/**
 * Generated data for the scale benchmarks, written to a temporary folder: the benchmark
 * fixture's 10k rows repeated with a per-copy jitter (so copies are not duplicate rows),
 * or synthetic wide data (rows × d Gaussian features and a logistic label).
 */
import { createWriteStream, readFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { FIXTURES } from '../../test/helpers/fixtures';

export const BENCH_DIR = join(FIXTURES, 'benchmark');

/** Writes `rows` rows of bench_10k.csv (header f00..f19,target), copies jittered by 1e-4 × copy. */
export async function writeBenchRows(file: string, rows: number, offset = 0): Promise<void> {
  const lines = readFileSync(join(BENCH_DIR, 'bench_10k.csv'), 'utf8').split(/\r?\n/).filter((l) => l.length > 0);
  const header = lines[0];
  const body = lines.slice(1).map((l) => l.split(',').map(Number));
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  let chunk = '';
  for (let r = 0; r < rows; r++) {
    const copy = Math.floor((r + offset) / body.length);
    const src = body[(r + offset) % body.length];
    const jitter = copy * 1e-4;
    chunk += src.map((v, j) => (j === src.length - 1 ? String(v) : (v + jitter).toFixed(5))).join(',') + '\n';
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}

/** A seeded xorshift generator of standard normals (Box–Muller). */
export function gaussian(seed: number): () => number {
  let s = seed >>> 0 || 1;
  const u = (): number => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return (s + 0.5) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(u())) * Math.cos(2 * Math.PI * u());
}

/** Wide synthetic columns: x0..x{d-1} ~ N(0,1) rounded to 4 decimals, label = 1[x0 + x1 + noise > 0]. */
export function* wideRows(rows: number, d: number, seed = 1): Generator<{ x: Float64Array; y: number }> {
  const g = gaussian(seed);
  const x = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < d; j++) x[j] = Math.round(g() * 1e4) / 1e4;
    yield { x, y: x[0] + x[1] + g() > 0 ? 1 : 0 };
  }
}

export function wideHeader(d: number): string[] {
  return [...Array.from({ length: d }, (_, j) => `x${j}`), 'target'];
}

/** Writes wide synthetic data as CSV. */
export async function writeWideCsv(file: string, rows: number, d: number): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${wideHeader(d).join(',')}\n`);
  let chunk = '';
  for (const { x, y } of wideRows(rows, d)) {
    chunk += `${Array.prototype.join.call(x, ',')},${y}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.end(chunk);
  await once(out, 'finish');
}
