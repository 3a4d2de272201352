import type { Connection } from 'vscode-languageserver/node';
import { ExplainRowRequest, type ExplainRowResult } from '../../protocol/protocol';
import type { ColumnStatsCache } from './columnStatsCache';
import type { LangWorkers } from './langWorkers';
import { onRequest } from './typedConnection';
import { uriToPath, type WorkspaceFolders } from './workspaceFolders';

/**
 * `modelDiagnostics/explainRow`: one row of a paired data file explained in the folder's
 * language worker, which loads the model context once and keeps it (auto method: TreeSHAP
 * for tree ensembles, exact for d ≤ 14, else KernelSHAP).
 */
export function registerExplainRow(connection: Connection, folders: WorkspaceFolders, stats: ColumnStatsCache, workers: LangWorkers): void {
  onRequest(connection, ExplainRowRequest, async (params): Promise<ExplainRowResult> => {
    const path = uriToPath(params.uri);
    const folder = path ? folders.folderOf(path) : undefined;
    if (!path || !folder) throw new Error(`${params.uri} is not a file of a workspace folder`);
    const models = (await stats.models(folder)).filter((m) => m.dataPaths.includes(path));
    const model = params.model ? models.find((m) => m.name === params.model) : models[0];
    if (!model) throw new Error(params.model ? `model ${params.model} does not use ${path}` : `no model is paired with ${path}`);
    return workers.request(folder, 'explainRow', { model: model.name, data: path, row: params.row, method: params.method ?? 'auto' });
  });
}
