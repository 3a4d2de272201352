import type { Connection } from 'vscode-languageserver/node';
import { ModelSummaryRequest, ReportRequest, RerunRequest, type FolderReport, type ModelSummaryResult, type RerunResult } from '../../protocol/protocol';
import type { AnalysisService } from './analysisService';
import { folderReport, problemCount } from './folderReport';
import type { StatusReporter } from './statusReporter';
import { onRequest } from './typedConnection';
import { runSummaryJob } from './workerJob';
import { uriToPath, type WorkspaceFolders } from './workspaceFolders';

export interface RequestDeps {
  readonly connection: Connection;
  readonly service: AnalysisService;
  readonly folders: WorkspaceFolders;
  readonly status: StatusReporter;
  readonly workerPath: string;
}

/** Handlers of the custom requests of protocol.ts. They answer while analyses run (those are in workers). */
export function registerRequests({ connection, service, folders, status, workerPath }: RequestDeps): void {
  const targets = (folderUri: string | undefined): string[] => {
    if (folderUri === undefined) return folders.paths();
    const path = uriToPath(folderUri);
    return path && folders.paths().includes(path) ? [path] : [];
  };

  onRequest(connection, ReportRequest, (params) => ({
    folders: targets(params?.folder).map((folder): FolderReport => {
      const result = service.result(folder);
      return { folder: folders.uriOf(folder), state: status.get(folder)?.state ?? 'idle', report: result ? folderReport(result) : undefined };
    }),
  }));

  onRequest(connection, RerunRequest, async (params): Promise<RerunResult> => {
    const paths = targets(params?.folder);
    const results = await Promise.all(paths.map((f) => service.rerun(f)));
    return {
      folders: paths.map((folder, i) => {
        const r = results[i];
        return { folder: folders.uriOf(folder), models: r?.models.length ?? 0, problems: r ? problemCount(r) : 0, cancelled: !r || r.cancelled };
      }),
    };
  });

  onRequest(connection, ModelSummaryRequest, async ({ uri }): Promise<ModelSummaryResult> => {
    const path = uriToPath(uri);
    if (!path) return { uri, error: `not a file URI: ${uri}` };
    const folder = folders.folderOf(path);
    const analysed = folder ? service.result(folder)?.models.find((m) => m.model.modelPath === path)?.outcome : undefined;
    const report = analysed?.kind === 'report' ? analysed.report : undefined;
    if (report?.summary) return { uri, summary: report.summary, report };
    const { summary, error } = await runSummaryJob(workerPath, path);
    return { uri, summary, report, error };
  });
}
