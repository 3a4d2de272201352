/**
 * Messages a compromised or buggy webview page could post to the host (issue 8). Each must be
 * refused by HostIpc with a warning naming the reason (`expect`), before any handler runs.
 * Cases that only an in-process caller can build (accessors, proxies, inherited fields,
 * symbols) are here too: the host must not rely on the structured clone having removed them.
 */

export interface HostileMessage {
  readonly name: string;
  /** Built fresh for each run (some cases count what is read from them). */
  message(): unknown;
  /** The logged warning must match. */
  readonly expect: RegExp;
}

const FILE = '/w/credit/test.csv';
const env = (method: string, params: unknown, extra: Record<string, unknown> = {}) => ({ id: 'v1', method, params, ...extra });
const openFile = (params: unknown) => env('webview/openFile', params);
const openReport = (params: unknown) => env('webview/openReport', params);
const ready = (params: unknown, completionId: unknown = 'v0') => env('webview/ready', params, { completionId });

export const HOSTILE_MESSAGES: readonly HostileMessage[] = [
  // not a message at all
  { name: 'null', message: () => null, expect: /message must be an object/ },
  { name: 'undefined', message: () => undefined, expect: /message must be an object/ },
  { name: 'a number', message: () => 42, expect: /message must be an object/ },
  { name: 'a bare method string', message: () => 'webview/openFile', expect: /message must be an object/ },
  { name: 'an array holding a valid message', message: () => [openFile({ file: FILE })], expect: /message must be an object/ },
  { name: 'a Date', message: () => new Date(), expect: /message must be a plain object/ },
  { name: 'an empty object', message: () => ({}), expect: /message\.id is missing/ },
  // envelope
  { name: 'method is a number', message: () => env(42 as unknown as string, { file: FILE }), expect: /message\.method must be a string/ },
  { name: 'method is missing', message: () => ({ id: 'v1', params: { file: FILE } }), expect: /message\.method is missing/ },
  { name: 'id is not a string', message: () => ({ id: 7, method: 'webview/openFile', params: { file: FILE } }), expect: /message\.id must be a string/ },
  { name: 'completionId is an object', message: () => ready({ webview: 'report' }, { toString: () => 'v0' }), expect: /message\.completionId must be a string/ },
  { name: 'an unknown envelope key', message: () => ({ ...openFile({ file: FILE }), command: 'rm' }), expect: /message has an unexpected key "command"/ },
  { name: 'method of 100 000 characters', message: () => env('webview/'.padEnd(100_000, 'x'), {}), expect: /message\.method is longer than 256/ },
  { name: 'an own __proto__ key on the envelope (JSON.parse)', message: () => JSON.parse(`{"id":"v1","method":"webview/openFile","params":{"file":"${FILE}"},"__proto__":{"isAdmin":true}}`), expect: /message has a forbidden key "__proto__"/ },
  { name: 'a symbol key on the envelope', message: () => ({ ...openFile({ file: FILE }), [Symbol('x')]: 1 }), expect: /message has a symbol key/ },
  // methods
  { name: 'an unknown method', message: () => env('webview/deleteWorkspace', {}), expect: /unknown method "webview\/deleteWorkspace"/ },
  { name: 'method "constructor"', message: () => env('constructor', {}), expect: /unknown method "constructor"/ },
  { name: 'method "__proto__"', message: () => env('__proto__', {}), expect: /unknown method "__proto__"/ },
  { name: 'method "toString"', message: () => env('toString', {}), expect: /unknown method "toString"/ },
  { name: 'a host → view method sent by the view', message: () => env('webview/reportChanged', { report: {} }), expect: /unknown method "webview\/reportChanged"/ },
  { name: 'a completion sent by the view', message: () => env('webview/ready/completion', { ok: true, result: {} }, { completionId: 'v0' }), expect: /unknown method "webview\/ready\/completion"/ },
  // params of webview/openFile
  { name: 'params missing', message: () => ({ id: 'v1', method: 'webview/openFile' }), expect: /params must be an object/ },
  { name: 'params null', message: () => openFile(null), expect: /params must be an object/ },
  { name: 'params an array', message: () => openFile([FILE]), expect: /params must be an object/ },
  { name: 'params a string', message: () => openFile(FILE), expect: /params must be an object/ },
  { name: 'file missing', message: () => openFile({ line: 3 }), expect: /params\.file is missing/ },
  { name: 'file a number', message: () => openFile({ file: 42 }), expect: /params\.file must be a string/ },
  { name: 'file an object with toString', message: () => openFile({ file: { toString: () => FILE } }), expect: /params\.file must be a string/ },
  { name: 'file empty', message: () => openFile({ file: '' }), expect: /params\.file must not be empty/ },
  { name: 'file of 4097 characters', message: () => openFile({ file: `/${'a'.repeat(4096)}` }), expect: /params\.file is longer than 4096 characters/ },
  { name: 'file of 10 MB', message: () => openFile({ file: 'x'.repeat(10_000_000) }), expect: /params\.file is longer than 4096 characters/ },
  { name: 'file with a NUL byte', message: () => openFile({ file: `${FILE}\0.png` }), expect: /params\.file contains a NUL character/ },
  { name: 'line 0', message: () => openFile({ file: FILE, line: 0 }), expect: /params\.line must be an integer ≥ 1/ },
  { name: 'line negative', message: () => openFile({ file: FILE, line: -1 }), expect: /params\.line must be an integer ≥ 1/ },
  { name: 'line fractional', message: () => openFile({ file: FILE, line: 1.5 }), expect: /params\.line must be an integer ≥ 1/ },
  { name: 'line NaN', message: () => openFile({ file: FILE, line: NaN }), expect: /params\.line must be an integer ≥ 1/ },
  { name: 'line Infinity', message: () => openFile({ file: FILE, line: Infinity }), expect: /params\.line must be an integer ≥ 1/ },
  { name: 'line beyond 2^53', message: () => openFile({ file: FILE, line: 2 ** 60 }), expect: /params\.line must be an integer ≥ 1/ },
  { name: 'line a numeric string', message: () => openFile({ file: FILE, line: '3' }), expect: /params\.line must be an integer ≥ 1/ },
  { name: 'line a bigint', message: () => openFile({ file: FILE, line: 3n }), expect: /params\.line must be an integer ≥ 1/ },
  { name: 'column negative', message: () => openFile({ file: FILE, line: 2, column: -5 }), expect: /params\.column must be an integer ≥ 1/ },
  { name: 'an unknown params key', message: () => openFile({ file: FILE, exec: 'rm -rf ~' }), expect: /params has an unexpected key "exec"/ },
  { name: 'an own __proto__ key in params (JSON.parse)', message: () => JSON.parse(`{"id":"v1","method":"webview/openFile","params":{"file":"${FILE}","__proto__":{"line":-1}}}`), expect: /params has a forbidden key "__proto__"/ },
  { name: 'a constructor key in params', message: () => openFile({ file: FILE, constructor: { prototype: { polluted: true } } }), expect: /params has a forbidden key "constructor"/ },
  { name: 'a prototype key in params', message: () => openFile({ file: FILE, prototype: {} }), expect: /params has a forbidden key "prototype"/ },
  { name: 'file inherited from a prototype', message: () => openFile(Object.create({ file: FILE })), expect: /params must be a plain object/ },
  { name: 'file inherited from a null-prototype parent', message: () => openFile(Object.create(Object.create(null, { file: { value: FILE, enumerable: true } }))), expect: /params must be a plain object/ },
  { name: 'file as a getter', message: () => openFile(Object.defineProperty({}, 'file', { get: () => FILE, enumerable: true })), expect: /params\.file is an accessor/ },
  { name: 'params a proxy whose traps throw', message: () => openFile(new Proxy({}, { ownKeys: () => { throw new Error('trap'); }, getPrototypeOf: () => Object.prototype })), expect: /could not be read \(trap\)/ },
  { name: 'params a Map', message: () => openFile(new Map([['file', FILE]])), expect: /params must be a plain object/ },
  // params of webview/openReport and webview/rerun
  { name: 'an unknown section', message: () => openReport({ section: 'secrets' }), expect: /params\.section must be one of overview, attribution, shapes, slices, leakage/ },
  { name: 'section "constructor"', message: () => openReport({ section: 'constructor' }), expect: /params\.section must be one of/ },
  { name: 'slice negative', message: () => openReport({ section: 'slices', slice: -1 }), expect: /params\.slice must be an integer ≥ 0/ },
  { name: 'slice fractional', message: () => openReport({ slice: 0.5 }), expect: /params\.slice must be an integer ≥ 0/ },
  { name: 'model of 5000 characters', message: () => openReport({ model: 'm'.repeat(5000) }), expect: /params\.model is longer than 4096 characters/ },
  { name: 'folder an object', message: () => openReport({ folder: { toString: () => 'file:///w' } }), expect: /params\.folder must be a string/ },
  { name: 'rerun folder a number', message: () => env('webview/rerun', { folder: 42 }), expect: /params\.folder must be a string/ },
  { name: 'rerun with an unknown key', message: () => env('webview/rerun', { all: true }), expect: /params has an unexpected key "all"/ },
  // the ready request
  { name: 'ready without completionId', message: () => env('webview/ready', { webview: 'report' }), expect: /webview\/ready: message\.completionId is missing/ },
  { name: 'ready with an empty completionId', message: () => ready({ webview: 'report' }, ''), expect: /webview\/ready: message\.completionId is missing/ },
  { name: 'ready of an unknown webview kind', message: () => ready({ webview: 'terminal' }), expect: /params\.webview must be one of report, modelCard, waterfall/ },
  { name: 'ready of another kind of page', message: () => ready({ webview: 'modelCard' }), expect: /a modelCard page in a report view/ },
  { name: 'ready with an unknown key', message: () => ready({ webview: 'report', state: {} }), expect: /params has an unexpected key "state"/ },
];
