import { discoverWorkspace } from '../discovery/discoverWorkspace';
import type { ResolvedModel } from '../discovery/resolvedModel';
import { readHeader } from '../loaders/data/readHeader';
import { loadModelContext, type ModelContext } from '../pipeline/loadModelContext';
import type { Finding } from '../results/finding';
import { columnChecks } from './columnChecks';
import { explainOneRow } from './explainOneRow';
import type { LangModelInfo, LangRequests } from './langMessages';

/**
 * What a language worker holds for its folder: the resolved models of the last discovery
 * and, per model, its loaded context (data, labels, ORT session) — loaded on first use and
 * kept until the server replaces the worker (data, model or config changed).
 */
export class LangWorkerState {
  private resolved = new Map<string, ResolvedModel>();
  private readonly contexts = new Map<string, Promise<ModelContext>>();
  private readonly checks = new Map<string, Promise<Finding[]>>();

  constructor(private readonly folder: string) {}

  async describe(p: LangRequests['describe']['params']): Promise<LangModelInfo[]> {
    const discovery = await discoverWorkspace(this.folder, { configText: (file) => p.configTexts[file] });
    this.resolved = new Map(discovery.models.map((m) => [m.name, m]));
    return Promise.all(
      discovery.models.map(async (m): Promise<LangModelInfo> => {
        const headers = await Promise.all([m.train, m.test].filter((x): x is string => !!x).map((f) => readHeader(f).catch(() => [] as string[])));
        return {
          name: m.name,
          modelPath: m.modelPath,
          train: m.train,
          test: m.test,
          target: m.target,
          features: m.features,
          sensitive: m.sensitive,
          columns: [...new Set(headers.flat())],
          config: m.origin.kind === 'config' ? { file: m.origin.file, index: m.origin.index } : undefined,
        };
      }),
    );
  }

  checkColumn(p: LangRequests['checkColumn']['params']): Promise<Finding[]> {
    const key = `${p.model}\0${p.column}`;
    let c = this.checks.get(key);
    if (!c) {
      c = this.context(p.model).then((ctx) => columnChecks(ctx, this.model(p.model), p.column));
      c.catch(() => this.checks.delete(key));
      this.checks.set(key, c);
    }
    return c;
  }

  async explainRow(p: LangRequests['explainRow']['params']): Promise<LangRequests['explainRow']['result']> {
    return explainOneRow(await this.context(p.model), p.data, p.row, p.method);
  }

  private model(name: string): ResolvedModel {
    const m = this.resolved.get(name);
    if (!m) throw new Error(`no model named ${name} in ${this.folder}`);
    return m;
  }

  private async context(name: string): Promise<ModelContext> {
    if (!this.resolved.size) await this.describe({ configTexts: {} });
    let c = this.contexts.get(name);
    if (!c) {
      c = loadModelContext(this.model(name), { allowMissingTarget: true, threads: 1 });
      c.catch(() => this.contexts.delete(name));
      this.contexts.set(name, c);
    }
    return c;
  }
}
