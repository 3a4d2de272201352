/**
 * The custom protocol of Model Diagnostics: every LSP request and notification beyond the
 * standard ones, and every message between the extension host and a webview. Imported by
 * the language server (server/lsp), the extension (extension/) and the webviews through a
 * relative import. It imports only ./checks (run-time checks of webview messages, itself
 * import-free), so a browser bundle can take it as is; the server's result types
 * (server/results) must stay assignable to the wire types below, which the server checks at
 * compile time where it builds its answers.
 *
 * Each message is one exported constant with a literal method name, its params and result
 * types beside it (rust-analyzer lsp_ext.ts). protocol/README.md documents them and carries
 * a hash of this file: test/lsp/protocolDoc.test.ts fails when one changes without the other.
 */

import { anything, arrayOf, either, int, is, literal, maybe, MAX_IPC_TEXT, num, oneOf, outline, pathOrName, plainObjectProblem, record, str, type Check } from './checks';

// ───────────────────────────── descriptors ─────────────────────────────

/** A request from one side to the other with a typed answer. `P`/`R` exist for type inference only. */
export interface RequestDef<P, R> {
  readonly kind: 'request';
  readonly method: string;
  /** Phantom field: never set at run time. */
  readonly _types?: { readonly params: P; readonly result: R };
}

/** A one-way notification. */
export interface NotificationDef<P> {
  readonly kind: 'notification';
  readonly method: string;
  readonly _types?: { readonly params: P };
}

const request = <P, R>(method: string): RequestDef<P, R> => ({ kind: 'request', method });
const notification = <P>(method: string): NotificationDef<P> => ({ kind: 'notification', method });

// ───────────────────────────── wire types ─────────────────────────────

export type WireSeverity = 'error' | 'warning' | 'info';

/** A finding as the engine reports it (server/results/finding.ts); locations are 1-based. */
export interface WireFinding {
  readonly id: string;
  readonly severity: WireSeverity;
  readonly feature?: string;
  readonly features?: readonly string[];
  readonly message: string;
  readonly evidence: Readonly<Record<string, unknown>>;
  readonly predicates?: readonly { readonly feature: string; readonly op: string; readonly value: unknown }[];
  readonly location?: { readonly file: string; readonly line?: number; readonly column?: number; readonly endLine?: number; readonly endColumn?: number };
  readonly ignored?: { readonly reason: string };
}

export interface WireIo {
  readonly name: string;
  readonly type: string;
  readonly shape: readonly (number | string)[];
  readonly isTensor: boolean;
}

/** What the model card shows: server/results/report.ts ModelSummary. */
export interface WireModelSummary {
  readonly inputs: readonly WireIo[];
  readonly outputs: readonly WireIo[];
  readonly opsets: Readonly<Record<string, number>>;
  readonly operators: readonly string[];
  readonly parameterCount: number;
  readonly producer?: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly classes?: readonly string[];
}

export type WireMetricValue = number | { readonly value: number; readonly ci: readonly [number, number] };

/**
 * One model's analysis, as `check --format json` prints it (DESIGN.md "CLI JSON"). The
 * analysis sections are open-ended here (`unknown`): views that draw them narrow the type.
 */
export interface WireModelReport {
  readonly name: string;
  readonly model: string;
  readonly data: { readonly train?: string; readonly test?: string };
  readonly task: 'classification' | 'regression';
  readonly target: string;
  readonly features: readonly string[];
  readonly metrics: Readonly<Record<string, Readonly<Record<string, WireMetricValue>>>>;
  readonly calibration?: unknown;
  readonly attribution?: unknown;
  readonly shapes?: unknown;
  readonly interactions?: unknown;
  readonly slices?: unknown;
  readonly jaggedness?: unknown;
  /** Saved slices of modeldiag.json re-evaluated (server/results/report.ts SavedSliceResult). */
  readonly savedSlices?: unknown;
  readonly findings: readonly WireFinding[];
  readonly summary?: WireModelSummary;
  readonly timings?: Readonly<Record<string, number>>;
}

/** A folder's report: server/results/report.ts CheckReport. */
export interface WireCheckReport {
  readonly version: string;
  /** Absolute path of the folder; model, data and finding paths are relative to it. */
  readonly root: string;
  readonly models: readonly WireModelReport[];
  readonly findings: readonly WireFinding[];
}

export type AnalysisState = 'idle' | 'analysing' | 'ready' | 'error';

export interface Progress {
  readonly done: number;
  readonly total: number;
}

/** Settings the server asks for with workspace/configuration (section `modelDiagnostics`, scoped to a folder). */
export interface ServerSettings {
  /** Off: no analysis and no diagnostics in this folder. */
  readonly enable: boolean;
  /** Upper bound on the rows per split that the editor analyses (the config's analysis.maxRows is capped by it). */
  readonly maxRows: number;
}

export const DEFAULT_SERVER_SETTINGS: ServerSettings = { enable: true, maxRows: 20000 };

/** The `workspace/configuration` section the server asks for. */
export const SETTINGS_SECTION = 'modelDiagnostics';

/** The diagnostic `source` of everything the server publishes. */
export const DIAGNOSTIC_SOURCE = 'Model Diagnostics';

/** Where a finding id is documented: README anchors drop the dots (`config.missing-file` → `#configmissing-file`). */
export function findingDocUrl(id: string): string {
  return `https://github.com/model-diagnostics/model-diagnostics#${id.replace(/\./g, '')}`;
}

// ───────────────────────────── LSP: server → client ─────────────────────────────

export interface StatusParams {
  readonly state: AnalysisState;
  /** One line for the status bar tooltip and the log: "analysing churn (2/5)", "3 models, 4 problems". */
  readonly message: string;
  /** Models finished out of models to analyse, while `state` is `analysing`. */
  readonly progress?: Progress;
}

/**
 * Sent by the server whenever the analysis state of the workspace changes (the aggregate
 * over all folders), so the extension can show it in the status bar. The server also
 * reports standard work-done progress while analysing.
 */
export const StatusNotification = notification<StatusParams>('modelDiagnostics/status');

// ───────────────────────────── LSP: client → server ─────────────────────────────

export interface ReportParams {
  /** A workspace folder URI; omitted = every folder. */
  readonly folder?: string;
}

export interface FolderReport {
  readonly folder: string;
  readonly state: AnalysisState;
  /** Undefined before the first analysis of this folder finished. */
  readonly report?: WireCheckReport;
}

export interface ReportResult {
  readonly folders: readonly FolderReport[];
}

/** Sent by the extension (report views, commands) for the latest results; answers at once with what is cached. */
export const ReportRequest = request<ReportParams, ReportResult>('modelDiagnostics/report');

export interface RerunParams {
  /** A workspace folder URI; omitted = every folder. */
  readonly folder?: string;
}

export interface RerunResult {
  /** Per folder: models analysed and problems found, or `cancelled` when a newer run replaced it. */
  readonly folders: readonly { readonly folder: string; readonly models: number; readonly problems: number; readonly cancelled: boolean }[];
}

/**
 * Sent by the `Model Diagnostics: Rerun` command: drops cached results and analyses again.
 * Answers when the runs it started finish.
 */
export const RerunRequest = request<RerunParams, RerunResult>('modelDiagnostics/rerun');

export interface ModelSummaryParams {
  /** URI of a .onnx file. */
  readonly uri: string;
}

export interface ModelSummaryResult {
  readonly uri: string;
  /** Undefined when the file cannot be decoded (see `error`). */
  readonly summary?: WireModelSummary;
  /** The latest analysis of this model, when a folder analysis covered it. */
  readonly report?: WireModelReport;
  readonly error?: string;
}

/** Sent by the model card (custom editor of .onnx files): the model's structure and latest analysis. */
export const ModelSummaryRequest = request<ModelSummaryParams, ModelSummaryResult>('modelDiagnostics/modelSummary');

export interface ExplainRowParams {
  /** URI of a data file (CSV/TSV/Parquet) that a model is paired with. */
  readonly uri: string;
  /** 0-based data row (the CSV line minus the header line, minus 1). */
  readonly row: number;
  /** Model name when several models use this file; default: the first. */
  readonly model?: string;
  readonly method?: 'auto' | 'treeshap' | 'exact' | 'kernelshap';
}

export interface ExplainRowResult {
  readonly model: string;
  readonly data: string;
  readonly row: number;
  /** 'treeshap' (margin space) | 'exact' | 'kernelshap' (probability / value space). */
  readonly method: string;
  readonly space: string;
  readonly features: readonly string[];
  /** The row's values, as written in the data (category text for categorical columns). */
  readonly featureValues: readonly (number | string | null)[];
  /** φ per feature (first output: P(positive), the margin, or the value). */
  readonly attributions: readonly number[];
  readonly baseValue: number;
  readonly prediction: number;
  /** Multiclass: the class explained. */
  readonly output?: string;
  readonly evaluationsPerRow: number;
  /** |Σφ + base − prediction|: 0 up to rounding for exact methods. */
  readonly efficiencyGap: number;
}

/** Sent by "Explain this row" (CodeLens on a data row, command palette): a local explanation for the waterfall view. */
export const ExplainRowRequest = request<ExplainRowParams, ExplainRowResult>('modelDiagnostics/explainRow');

export interface ExportInvariantParams {
  /** Workspace folder URI that holds the model. */
  readonly folder: string;
  /** The model's name in the report (or its file, relative to the folder). */
  readonly model: string;
  /** The model input to marginalise. */
  readonly sensitive: string;
  /** URI of the .onnx file to write. */
  readonly out: string;
  /** Above this many distinct values, quantile representatives are used (default 16). */
  readonly maxValues?: number;
  /** Standard LSP work-done progress token (the client shows the server's progress under it). */
  readonly workDoneToken?: string | number;
}

/** Fairness numbers of one model on one split (server/engine/remedies/fairnessNumbers.ts). */
export interface WireFairnessNumbers {
  readonly groups: readonly { readonly group: string; readonly rows: number; readonly selectionRate?: number; readonly meanScore: number }[];
  readonly demographicParityDifference?: number;
  readonly meanScoreDifference: number;
  readonly flipRate?: number;
  readonly maxAbsScoreChange: number;
  readonly counterfactualSwaps: number;
}

export interface ExportInvariantResult {
  /** Absolute path of the written model. */
  readonly outPath: string;
  readonly sensitive: string;
  /** Values the input is marginalised over (model evaluations per row). */
  readonly values: number;
  readonly notes: readonly string[];
  readonly evaluatedOn: 'train' | 'test';
  readonly before: WireFairnessNumbers;
  readonly after: WireFairnessNumbers;
}

/**
 * Sent by `Model Diagnostics: Export Invariant Model`: writes a model whose prediction is
 * averaged over the sensitive input's observed values (in a worker, with work-done progress)
 * and answers with the fairness gap before and after. Fails with a message when the input
 * is not a model input or the model has no data.
 */
export const ExportInvariantRequest = request<ExportInvariantParams, ExportInvariantResult>('modelDiagnostics/exportInvariantModel');

/**
 * A model's entry in modeldiag.json, for commands that edit it (code actions on feature
 * diagnostics): where the entry is, or what to write when the model was paired without one.
 */
export interface ModelEntryRef {
  /** Workspace folder URI. */
  readonly folder: string;
  /** URI of the modeldiag.json to edit (created when missing). */
  readonly config: string;
  /** The model's name. */
  readonly model: string;
  /** Index in `models[]` when the config declares the model. */
  readonly modelIndex?: number;
  /** Zero-config pair: the entry to add (paths relative to the config's folder). */
  readonly newEntry?: { readonly name: string; readonly model: string; readonly data?: { readonly train?: string; readonly test?: string }; readonly target?: string };
}

/** Args of `modelDiagnostics.ignoreFinding`: asks for a reason, adds `{id, feature, reason}` to the model's `ignore`. */
export interface IgnoreFindingArgs extends ModelEntryRef {
  readonly id: string;
  readonly feature?: string;
}

/** Args of `modelDiagnostics.declareExpectation`: asks increasing/decreasing, writes it to the model's `expect`. */
export interface DeclareExpectationArgs extends ModelEntryRef {
  readonly feature: string;
}

/** Command ids of the extension (package.json `contributes.commands` lists the same). */
export const CommandIds = {
  rerun: 'modelDiagnostics.rerun',
  showOutput: 'modelDiagnostics.showOutput',
  openReport: 'modelDiagnostics.openReport',
  explainRow: 'modelDiagnostics.explainRow',
  exportReport: 'modelDiagnostics.exportReport',
  exportInvariantModel: 'modelDiagnostics.exportInvariantModel',
  addSliceAsTest: 'modelDiagnostics.addSliceAsTest',
  revealFinding: 'modelDiagnostics.revealFinding',
  ignoreFinding: 'modelDiagnostics.ignoreFinding',
  declareExpectation: 'modelDiagnostics.declareExpectation',
  /** Stops the language server if it runs and starts a fresh one (also after it crashed too often). */
  restartServer: 'modelDiagnostics.restartServer',
} as const;

// ───────────────────────────── webviews ─────────────────────────────
// GitLens ipc shape: commands and requests go from the view to the host, notifications from
// the host to the view. A request's answer comes back as `<method>/completion` with the
// request's `completionId`. The view sends `ReadyRequest` when its script has loaded; the host
// posts nothing before answering it.
//
// Each message def carries a run-time check of its params (checks.ts): a page renders report
// data, so the host checks everything a view posts before a handler sees it, and a view
// ignores host messages whose shape is wrong. View → host params are exact (`record`: no
// unknown key); host → view payloads are large and open-ended, so only their outline is
// checked (`outline`) and the view narrows the rest where it draws.

/** Which webview a message belongs to. */
export type WebviewKind = 'report' | 'modelCard' | 'waterfall';

/** The report's sections (tabs). */
export const REPORT_SECTIONS = ['overview', 'attribution', 'shapes', 'slices', 'leakage'] as const;
export type ReportSection = (typeof REPORT_SECTIONS)[number];

/**
 * What the report shows first: the args of the `openReport` command, of `OpenReportCommand`
 * and of `FocusNotification`. Every field is optional.
 */
export interface ReportFocus {
  /** Workspace folder URI whose report to show; default: the folder of `model`, else the first with a report. */
  readonly folder?: string;
  /** A model's name, or its file (URI, absolute path, or path relative to the folder). */
  readonly model?: string;
  readonly section?: ReportSection;
  /** Index into the model's `slices` (opens the Slices section on that slice). */
  readonly slice?: number;
}

/** Every message on the wire between host and webview. */
export interface IpcMessage<P = unknown> {
  readonly id: string;
  readonly method: string;
  readonly params: P;
  /** Set on requests (view → host) and on their completions (host → view). */
  readonly completionId?: string;
}

/** Run-time check of a def's params: `isParams` is the type guard, `paramsProblem` says what is wrong (for the log). */
export interface IpcParamsCheck<P> {
  isParams(x: unknown): x is P;
  paramsProblem(x: unknown): string | undefined;
}

export interface IpcCommandDef<P> extends IpcParamsCheck<P> {
  readonly direction: 'view→host';
  readonly kind: 'command';
  readonly method: string;
  readonly _types?: { readonly params: P };
}

export interface IpcRequestDef<P, R> extends IpcParamsCheck<P> {
  readonly direction: 'view→host';
  readonly kind: 'request';
  readonly method: string;
  /** The method of the host's answer. */
  readonly completion: string;
  /** What is wrong with the params of a completion (`IpcCompletion<R>`), for the view. */
  completionProblem(x: unknown): string | undefined;
  readonly _types?: { readonly params: P; readonly result: R };
}

export interface IpcNotificationDef<P> extends IpcParamsCheck<P> {
  readonly direction: 'host→view';
  readonly kind: 'notification';
  readonly method: string;
  readonly _types?: { readonly params: P };
}

type IpcDef<P> = IpcCommandDef<P> | IpcRequestDef<P, unknown> | IpcNotificationDef<P>;

const paramsCheck = <P>(check: Check<P>): IpcParamsCheck<P> => ({ isParams: (x): x is P => is(check, x), paramsProblem: (x) => check(x, 'params') });

const ipcCommand = <P>(method: string, params: Check<P>): IpcCommandDef<P> => ({ direction: 'view→host', kind: 'command', method, ...paramsCheck(params) });
const ipcRequest = <P, R>(method: string, params: Check<P>, result: Check<R>): IpcRequestDef<P, R> => ({
  direction: 'view→host',
  kind: 'request',
  method,
  completion: `${method}/completion`,
  completionProblem: (x) => completion(result)(x, 'params'),
  ...paramsCheck(params),
});
const ipcNotification = <P>(method: string, params: Check<P>): IpcNotificationDef<P> => ({ direction: 'host→view', kind: 'notification', method, ...paramsCheck(params) });

/** An answer: `{ok: true, result}` checked against the request's result, or `{ok: false, error}`. */
function completion<R>(result: Check<R>): Check<IpcCompletion<R>> {
  const succeeded = outline<IpcCompletion<R>>({ ok: literal(true), result });
  const failed = outline<IpcCompletion<R>>({ ok: literal(false), error: str(MAX_IPC_TEXT) });
  return (x, p) => plainObjectProblem(x, p) ?? ((x as { readonly ok?: unknown }).ok === true ? succeeded : failed)(x, p);
}

/** Methods, ids and completion ids are short; a longer one is not from our code. */
const MAX_IPC_ID = 256;

/** The envelope every message must have (either direction), params aside: exact keys, short ids. */
export const ipcEnvelope: Check<IpcMessage> = record<IpcMessage>({
  required: { id: str(MAX_IPC_ID), method: str(MAX_IPC_ID) },
  // `unknown` admits undefined, so the type puts params among the optional keys; each def's own check requires it.
  optional: { params: anything, completionId: str(MAX_IPC_ID) },
});

/** Type guard: is `msg` an instance of `def`, envelope and params? */
export function isIpc<P>(def: IpcDef<P>, msg: unknown): msg is IpcMessage<P> {
  return is(ipcEnvelope, msg) && msg.method === def.method && def.isParams(msg.params);
}

/** Type guard for the answer to `def`. */
export function isIpcCompletion<P, R>(def: IpcRequestDef<P, R>, msg: unknown): msg is IpcMessage<IpcCompletion<R>> {
  return is(ipcEnvelope, msg) && msg.method === def.completion && def.completionProblem(msg.params) === undefined;
}

/** The params of a request's completion: the result, or an error message naming the request. */
export type IpcCompletion<R> = { readonly ok: true; readonly result: R } | { readonly ok: false; readonly error: string };

/** Milliseconds a webview waits for a completion before failing the request with an error that names it. */
export const IPC_REQUEST_TIMEOUT_MS = 30000;

const webviewKind = oneOf<WebviewKind>(['report', 'modelCard', 'waterfall']);

const reportFocus = record<ReportFocus>({ required: {}, optional: { folder: pathOrName, model: pathOrName, section: oneOf(REPORT_SECTIONS), slice: int(0) } });

/** The outline of a report that the views rely on before they draw (each section narrows its own part). */
const checkReport = outline<WireCheckReport>({
  version: str(MAX_IPC_TEXT),
  root: str(MAX_IPC_TEXT),
  models: arrayOf(outline({ name: str(MAX_IPC_TEXT), model: str(MAX_IPC_TEXT), features: arrayOf(str(MAX_IPC_TEXT)), metrics: outline({}), findings: arrayOf(outline({})) })),
  findings: arrayOf(outline({ id: str(MAX_IPC_TEXT), severity: oneOf<WireSeverity>(['error', 'warning', 'info']), message: str(MAX_IPC_TEXT) })),
});

/** A number, or null where the host's JSON turned a NaN into null. */
const numOrNull = either(num, literal(null));

const checkExplanation = outline<ExplainRowResult>({
  model: str(MAX_IPC_TEXT),
  data: str(MAX_IPC_TEXT),
  row: int(0),
  features: arrayOf(str(MAX_IPC_TEXT)),
  featureValues: arrayOf(either(numOrNull, str(MAX_IPC_TEXT))),
  attributions: arrayOf(numOrNull),
  baseValue: numOrNull,
  prediction: numOrNull,
});

const checkStatus = outline<StatusParams>({
  state: oneOf<AnalysisState>(['idle', 'analysing', 'ready', 'error']),
  message: str(MAX_IPC_TEXT),
  progress: maybe(outline({ done: num, total: num })),
});

// view → host

export interface ReadyParams {
  readonly webview: WebviewKind;
}

export interface BootstrapState {
  readonly webview: WebviewKind;
  /** The report (report view) or the model's folder report (model card), when one exists. */
  readonly report?: WireCheckReport;
  readonly modelSummary?: ModelSummaryResult;
  /** Report view: the model/section/slice to show first (the page's saved state wins after a reload). */
  readonly focus?: ReportFocus;
  /** Waterfall view: the row explanation to draw. */
  readonly explanation?: ExplainRowResult;
}

/** Sent by a webview once its script has loaded; the host answers with everything to draw. */
export const ReadyRequest = ipcRequest<ReadyParams, BootstrapState>(
  'webview/ready',
  record<ReadyParams>({ required: { webview: webviewKind }, optional: {} }),
  outline<BootstrapState>({
    webview: webviewKind,
    report: maybe(checkReport),
    modelSummary: maybe(outline({ uri: str(MAX_IPC_TEXT), error: maybe(str(MAX_IPC_TEXT)) })),
    focus: maybe(reportFocus),
    explanation: maybe(checkExplanation),
  }),
);

export interface OpenFileParams {
  /** Absolute path or file: URI (the host opens only files inside the workspace folders). */
  readonly file: string;
  /** 1-based. */
  readonly line?: number;
  readonly column?: number;
}

/** Sent by a webview to open a file (a finding's location, a model, a data file) in an editor. */
export const OpenFileCommand = ipcCommand<OpenFileParams>('webview/openFile', record<OpenFileParams>({ required: { file: pathOrName }, optional: { line: int(1), column: int(1) } }));

/** Sent by the model card's "Open report" button (and findings that name another model): opens the report focused there. */
export const OpenReportCommand = ipcCommand<ReportFocus>('webview/openReport', reportFocus);

/** Sent by a webview's "rerun" button. */
export const RerunCommand = ipcCommand<RerunParams>('webview/rerun', record<RerunParams>({ required: {}, optional: { folder: pathOrName } }));

// host → view

/** Sent by the host when new results arrive for what the view shows. */
export const ReportChangedNotification = ipcNotification<{ readonly report: WireCheckReport }>('webview/reportChanged', outline({ report: checkReport }));

/** Sent by the host when the analysis state changes (spinner, progress). */
export const StatusChangedNotification = ipcNotification<StatusParams>('webview/statusChanged', checkStatus);

/** Sent by the host when `openReport` runs again while the report is open: show that model/section/slice. */
export const FocusNotification = ipcNotification<ReportFocus>('webview/focus', reportFocus);

/** Sent by the host when "Explain this row" runs again while the waterfall view is open. */
export const ExplanationChangedNotification = ipcNotification<{ readonly explanation: ExplainRowResult }>('webview/explanationChanged', outline({ explanation: checkExplanation }));
