/**
 * Responsiveness of the built language server (dist/server.js over stdio, MODELDIAG_PROBE=1)
 * while a long analysis runs: the xgboost benchmark model on generated data
 * (MODELDIAG_BENCH_LSP_ROWS rows per split, default 1M: about a minute on 2 cores, the
 * issue's "60-second analysis"; the duration is printed).
 *
 * - event-loop delay of the server thread (perf_hooks histogram in the server, 10 ms
 *   sampling: an idle loop reads ≈ 10 ms), and the round trip of a report request sent
 *   every 100 ms from the client as a second opinion;
 * - work-done progress: reports per second and the longest gap between two;
 * - cancellation: an edit during the run, time from cancel() to the old worker's exit
 *   (the edit cancels at once; its own run waits the 300 ms debounce), at three ages of the run (2 s, a
 *   third and four fifths of the first run's duration: loading, model calls, late stages);
 * - diagnostics latency: an edit that names an unknown column → its diagnostic, minus the debounce;
 * - an edit storm of 50 edits/s for 10 s: analysis runs it started.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReportRequest } from '../../protocol/protocol';
import { PROBE_METHOD, type ProbeResult } from '../../server/lsp/probe';
import { fileUri, startTestClient, type TestClient } from '../../test/lsp/lspClient';
import { BENCH_DIR, writeBenchRows } from './scaleData';

type Row = { name: string; value: number; unit: string; note?: string };

const DEBOUNCE_MS = 300;
const FEATURES = Array.from({ length: 20 }, (_, j) => `f${String(j).padStart(2, '0')}`);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function config(seed: number, sensitive: string[] = []): string {
  const model = { name: 'xgb', model: 'model.onnx', data: { train: 'train.csv', test: 'test.csv' }, target: 'target', features: FEATURES, sensitive };
  return `${JSON.stringify({ models: [model], analysis: { seed, maxRows: 20000 } }, null, 2)}\n`;
}

function percentile(values: readonly number[], p: number): number {
  if (!values.length) return NaN;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
}

export async function benchLsp(): Promise<Row[]> {
  const rows = Number(process.env.MODELDIAG_BENCH_LSP_ROWS ?? 1_000_000);
  const ws = mkdtempSync(join(tmpdir(), 'modeldiag-lspbench-'));
  const out: Row[] = [];
  let client: TestClient | undefined;
  try {
    copyFileSync(join(BENCH_DIR, 'xgb_100x6.onnx'), join(ws, 'model.onnx'));
    await writeBenchRows(join(ws, 'train.csv'), rows);
    await writeBenchRows(join(ws, 'test.csv'), rows, rows);
    writeFileSync(join(ws, 'modeldiag.json'), config(0));
    const c = (client = await startTestClient(ws, { env: { MODELDIAG_PROBE: '1' } }));
    // The server dying mid-run (e.g. a native abort) shows up with its stderr.
    c.connection.onClose(() => void c.waitFor('the server', () => undefined, 1).catch((e: Error) => process.stderr.write(`server connection closed; ${e.message}\n`)));
    const probe = (reset = true): Promise<ProbeResult> => c.connection.sendRequest(PROBE_METHOD, { reset });
    const docUri = fileUri(join(ws, 'modeldiag.json'));
    let version = 1;
    const edit = (text: string): Promise<void> => c.connection.sendNotification('textDocument/didChange', { textDocument: { uri: docUri, version: ++version }, contentChanges: [{ text }] });

    // 1. The first analysis: lag, request round trips, progress.
    await probe();
    const t0 = performance.now();
    const rtts: number[] = [];
    let pinging = true;
    const pinger = (async () => {
      while (pinging) {
        const s = performance.now();
        await c.connection.sendRequest(ReportRequest.method, {});
        rtts.push(performance.now() - s);
        await sleep(100);
      }
    })();
    await c.waitFor('analysis ready', () => c.statuses.find((s) => s.state === 'ready' || s.state === 'error'), 30 * 60_000);
    const runMs = performance.now() - t0;
    pinging = false;
    await pinger;
    const busy = await probe();
    const begin = c.progress.find((p) => p.kind === 'begin')?.at ?? t0;
    const end = c.progress.find((p) => p.kind === 'end')?.at ?? performance.now();
    const times = c.progress.filter((p) => p.at >= begin && p.at <= end).map((p) => p.at);
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    out.push({ name: `first analysis (2 × ${rows} rows × 20, 100 trees): duration`, value: runMs / 1000, unit: 's' });
    out.push({ name: 'server event-loop delay during the run: p50', value: busy.lag.p50, unit: 'ms', note: `${busy.lag.samples} samples at 10 ms` });
    out.push({ name: 'server event-loop delay during the run: p99', value: busy.lag.p99, unit: 'ms', note: `max ${busy.lag.max} ms` });
    out.push({ name: 'report request round trip during the run: p50', value: percentile(rtts, 50), unit: 'ms', note: `${rtts.length} requests` });
    out.push({ name: 'report request round trip during the run: p99', value: percentile(rtts, 99), unit: 'ms' });
    out.push({ name: 'work-done progress reports per second', value: times.length / ((end - begin) / 1000), unit: '/s', note: `${times.length} reports` });
    out.push({ name: 'longest gap between progress reports', value: Math.max(0, ...gaps), unit: 'ms' });
    await sleep(3000);
    const idle = await probe();
    out.push({ name: 'server event-loop delay idle: p50 / p99 (baseline)', value: idle.lag.p50, unit: 'ms', note: `p99 ${idle.lag.p99} ms` });

    // 2. Cancellation: edits at three ages of a run (each edit changes the seed: a new content key).
    await c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri: docUri, languageId: 'json', version, text: config(0) } });
    await probe();
    const ages = [2000, Math.round(runMs / 3), Math.round(runMs * 0.8)];
    await edit(config(1));
    for (const [i, age] of ages.entries()) {
      await sleep(DEBOUNCE_MS + age);
      await edit(config(2 + i));
    }
    await sleep(DEBOUNCE_MS + 1500);
    const cancels = await probe();
    ages.forEach((age, i) => {
      const ms = cancels.jobs.goneMs[i];
      out.push({ name: `cancellation ${(age / 1000).toFixed(1)} s into a run: cancel → worker exit`, value: ms ?? NaN, unit: 'ms', note: 'the edit cancels at once; the next run starts after the debounce' });
    });

    // 3. Diagnostics latency of an edit to modeldiag.json, while a run is under way.
    const lat: number[] = [];
    for (let k = 0; k < 5; k++) {
      await sleep(1000);
      const hasUnknown = (): boolean => (c.diagnostics.get(docUri) ?? []).some((d) => d.code === 'config.unknown-column');
      const s = performance.now();
      await edit(config(10 + k, [`f${k}x`]));
      await c.waitFor('unknown-column diagnostic', () => (hasUnknown() ? true : undefined), 60_000);
      lat.push(performance.now() - s - DEBOUNCE_MS);
      await sleep(1000);
      const s2 = performance.now();
      await edit(config(20 + k));
      await c.waitFor('unknown-column cleared', () => (hasUnknown() ? undefined : true), 60_000);
      lat.push(performance.now() - s2 - DEBOUNCE_MS);
    }
    out.push({ name: 'diagnostics after an edit to modeldiag.json (beyond the debounce): p50', value: percentile(lat, 50), unit: 'ms', note: `${lat.length} edits during runs` });
    out.push({ name: 'diagnostics after an edit to modeldiag.json (beyond the debounce): max', value: Math.max(...lat), unit: 'ms' });

    // 4. Edit storm: 50 edits/s for 10 s, every edit a new content key.
    await sleep(1000);
    await probe();
    const stormStart = performance.now();
    for (let k = 0; k < 500; k++) {
      await edit(config(100 + k));
      const next = stormStart + (k + 1) * 20;
      await sleep(Math.max(0, next - performance.now()));
    }
    const stormSeconds = (performance.now() - stormStart) / 1000;
    await sleep(DEBOUNCE_MS + 1000);
    const storm = await probe();
    out.push({ name: `edit storm: 500 edits in ${stormSeconds.toFixed(1)} s → analysis runs started`, value: storm.jobs.started, unit: 'runs', note: 'target ≤ 3' });
    out.push({ name: 'edit storm: server event-loop delay p99', value: storm.lag.p99, unit: 'ms' });
  } finally {
    await client?.stop().catch(() => undefined);
    rmSync(ws, { recursive: true, force: true });
  }
  return out;
}
