/**
 * Runs one hostile case in-process with its bounds: wall time, heap growth, and the paths the
 * loaders open (diagnostics channel `modeldiag:file-open`) must all lie inside the case folder.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdtempSync, readFileSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, isAbsolute } from 'node:path';
import { discoverWorkspace } from '../../../server/discovery/discoverWorkspace';
import { parseTreeEnsemble } from '../../../server/engine/trees/treeEnsemble';
import { loadDataset } from '../../../server/loaders/data/loadDataset';
import { InputError } from '../../../server/loaders/data/loadError';
import { FILE_OPEN_CHANNEL, type FileOpenMessage } from '../../../server/loaders/fileAccess';
import { featureNamesFromModel, inferTask, planInputs, planOutputs } from '../../../server/loaders/model/ioPlan';
import { loadOnnxModel } from '../../../server/loaders/model/onnxModel';
import { decodeOnnx } from '../../../server/loaders/model/onnxProto';
import { OrtPredictor } from '../../../server/loaders/model/ortPredictor';
import { FEATURES } from './baseModels';
import type { HostileCase } from './corpusTypes';

export const TIME_BOUND_MS = 5000;
export const HEAP_BOUND_MB = 512;

export interface CaseOutcome {
  readonly ok: boolean;
  readonly value?: unknown;
  readonly message?: string;
  readonly error?: unknown;
  readonly ms: number;
  readonly heapMb: number;
  readonly opened: readonly string[];
}

const root = realpathSync(mkdtempSync(join(tmpdir(), 'hostile-')));

/** A fresh folder for a case (under one temporary root, siblings for the "outside" files). */
export function caseFolder(index: number): string {
  return mkdtempSync(join(root, `case${index}-`));
}

async function runTarget(c: HostileCase, path: string): Promise<unknown> {
  switch (c.target) {
    case 'data':
      return loadDataset(path);
    case 'model':
    case 'predict': {
      const file = await loadOnnxModel(path, { intraOpThreads: 1 });
      try {
        const { summary } = file;
        const features = featureNamesFromModel(summary.inputs, summary.metadata) ?? [...FEATURES];
        const inputs = planInputs(path, summary.inputs, features);
        const task = inferTask(summary.outputs, summary.operators, summary.metadata);
        const outputs = planOutputs(path, summary.outputs, task, summary.classes, undefined, summary.metadata);
        if (c.target === 'model') return { inputs, outputs, task };
        // Two rows: 0, 1, 2, … in feature order.
        const batch = Float32Array.from({ length: 2 * features.length }, (_, i) => i);
        return await new OrtPredictor(file.session, inputs, outputs, features.length).predictBatch(batch, 2);
      } finally {
        await file.session.release();
      }
    }
    case 'tree': {
      const parsed = parseTreeEnsemble(decodeOnnx(readFileSync(path)));
      if (!parsed.ok) throw new TreeReason(parsed.reason);
      return parsed.model;
    }
    case 'config': {
      // Through discovery, as the server reads it (size limit, then parse, then resolve).
      const issues = (await discoverWorkspace(dirname(path))).configs.flatMap((c) => c.issues);
      throw new TreeReason(issues.map((i) => i.message).join('\n') || 'no issues');
    }
  }
}

/** A parser's reason (tree) or issues (config): an expected, clear outcome, not a crash. */
export class TreeReason extends Error {}

export async function runCase(c: HostileCase, dir: string): Promise<CaseOutcome> {
  const path = await c.build(dir);
  const opened: string[] = [];
  const onOpen = (m: unknown): void => void opened.push((m as FileOpenMessage).path);
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(c.env ?? {})) {
    saved[k] = process.env[k];
    process.env[k] = v;
  }
  subscribe(FILE_OPEN_CHANNEL, onOpen);
  global.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  try {
    const value = await runTarget(c, path);
    return { ok: true, value, ms: performance.now() - t0, heapMb: (process.memoryUsage().heapUsed - heap0) / 2 ** 20, opened };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error, message, ms: performance.now() - t0, heapMb: (process.memoryUsage().heapUsed - heap0) / 2 ** 20, opened };
  } finally {
    unsubscribe(FILE_OPEN_CHANNEL, onOpen);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

export function isInside(folder: string, path: string): boolean {
  const r = relative(folder, path);
  return r !== '' && !r.startsWith('..') && !isAbsolute(r);
}

export { InputError };
