import { resolve } from 'node:path';
import type { FolderModel } from '../lang/folderModel';
import type { Finding } from '../results/finding';
import type { LangModelInfo } from '../worker/langMessages';
import type { FolderResult } from './folderRun';
import type { LangWorkers } from './langWorkers';

/**
 * The language service's view of each folder: its models (from the language worker's
 * discovery, with the latest analysis report) and the data-only findings of columns that
 * are not model inputs, computed once per column in the folder's worker. Everything is
 * dropped when a folder's analysis result changes its models (new data, model or config).
 */
export class ColumnStatsCache {
  private readonly described = new Map<string, Promise<readonly LangModelInfo[]>>();
  private readonly live = new Map<string, readonly Finding[]>();
  private readonly inflight = new Map<string, Promise<readonly Finding[]>>();
  private readonly keys = new Map<string, string>();

  constructor(
    private readonly workers: LangWorkers,
    private readonly result: (folder: string) => FolderResult | undefined,
    private readonly configTexts: (folder: string) => Record<string, string>,
  ) {}

  /** Called when a folder's analysis finished: true when its models changed (caches dropped). */
  analysisFinished(folder: string): boolean {
    const key = (this.result(folder)?.models ?? []).map((m) => m.model.key).join();
    if (this.keys.get(folder) === key) return false;
    this.keys.set(folder, key);
    this.drop(folder);
    return true;
  }

  drop(folder: string): void {
    this.described.delete(folder);
    for (const k of [...this.live.keys(), ...this.inflight.keys()]) {
      if (k.startsWith(`${folder}\0`)) {
        this.live.delete(k);
        this.inflight.delete(k);
      }
    }
    this.workers.reset(folder);
  }

  async models(folder: string): Promise<FolderModel[]> {
    let d = this.described.get(folder);
    if (!d) {
      d = this.workers.request(folder, 'describe', { configTexts: this.configTexts(folder) });
      d.catch(() => this.described.delete(folder));
      this.described.set(folder, d);
    }
    const infos = await d.catch(() => [] as LangModelInfo[]);
    const reports = new Map<string, FolderResult['models'][number]['outcome']>((this.result(folder)?.models ?? []).map((m) => [m.model.name, m.outcome]));
    return infos.map((m): FolderModel => {
      const outcome = reports.get(m.name);
      const report = outcome?.kind === 'report' ? outcome.report : undefined;
      return {
        name: m.name,
        modelPath: m.modelPath,
        dataPaths: [m.train, m.test].filter((p): p is string => !!p).map((p) => resolve(p)),
        features: report?.features ?? m.features ?? [],
        columns: m.columns,
        target: report?.target ?? m.target,
        config: m.config,
        report,
      };
    });
  }

  /** Held data-only findings of `column` for `model`, or undefined while not computed. */
  held(folder: string, model: string, column: string): readonly Finding[] | undefined {
    return this.live.get(`${folder}\0${model}\0${column}`);
  }

  /** Computes (once) the data-only findings of `column` in the folder's worker. */
  ensure(folder: string, model: string, column: string): Promise<readonly Finding[]> {
    const key = `${folder}\0${model}\0${column}`;
    const held = this.live.get(key);
    if (held) return Promise.resolve(held);
    let p = this.inflight.get(key);
    if (!p) {
      p = this.workers.request(folder, 'checkColumn', { model, column }).then(
        (findings) => {
          if (this.inflight.get(key) === p) this.live.set(key, findings);
          return findings;
        },
        () => [] as readonly Finding[],
      );
      const settled = p.finally(() => {
        if (this.inflight.get(key) === p) this.inflight.delete(key);
      });
      void settled;
      this.inflight.set(key, p);
    }
    return p;
  }
}
