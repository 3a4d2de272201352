import { parseArgs } from 'node:util';

export type Format = 'text' | 'json' | 'sarif' | 'markdown' | 'html';
export type FailOn = 'error' | 'warning' | 'never';

export class UsageError extends Error {}

export const USAGE = `Usage:
  model-diagnostics check [folder] [--format text|json|sarif|markdown|html] [--out FILE] [--fail-on error|warning|never]
  model-diagnostics explain [folder] --model NAME|FILE [--data FILE] [--method auto|treeshap|exact|kernelshap|lime|ig|permutation]
                            [--rows 0-99,120] [--space margin|probability] [--background FILE] [--budget N] [--seed S] [--format json|csv]

  model-diagnostics export-invariant [folder] --model NAME|FILE --sensitive COLUMN --out FILE.onnx [--max-values N] [--data FILE]

Exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad input.`;

export interface CheckArgs {
  readonly command: 'check';
  readonly folder: string;
  readonly format: Format;
  readonly out?: string;
  readonly failOn: FailOn;
}

export interface ExplainArgs {
  readonly command: 'explain';
  readonly folder: string;
  readonly model?: string;
  readonly data?: string;
  readonly method: string;
  readonly rows?: string;
  readonly space?: 'margin' | 'probability';
  readonly background?: string;
  readonly budget?: number;
  readonly seed: number;
  readonly format: 'json' | 'csv';
  readonly out?: string;
}

export interface ExportInvariantArgs {
  readonly command: 'export-invariant';
  readonly folder: string;
  readonly model: string;
  readonly data?: string;
  readonly sensitive: string;
  readonly out: string;
  readonly maxValues?: number;
}

export function parseCliArgs(argv: readonly string[]): CheckArgs | ExplainArgs | ExportInvariantArgs | { command: 'help' } {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') return { command: 'help' };
  if (command === 'check') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, out: { type: 'string' }, 'fail-on': { type: 'string', default: 'error' } },
    });
    const format = oneOf(values.format!, ['text', 'json', 'sarif', 'markdown', 'html'] as const, '--format');
    const failOn = oneOf(values['fail-on']!, ['error', 'warning', 'never'] as const, '--fail-on');
    if (positionals.length > 1) throw new UsageError(`check takes one folder, got ${positionals.length}`);
    return { command, folder: positionals[0] ?? '.', format, out: values.out, failOn };
  }
  if (command === 'explain') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        model: { type: 'string' },
        data: { type: 'string' },
        method: { type: 'string', default: 'auto' },
        rows: { type: 'string' },
        space: { type: 'string' },
        background: { type: 'string' },
        budget: { type: 'string' },
        seed: { type: 'string', default: '0' },
        format: { type: 'string', default: 'json' },
        out: { type: 'string' },
      },
    });
    const method = oneOf(values.method!, ['auto', 'treeshap', 'exact', 'kernelshap', 'lime', 'ig', 'permutation'] as const, '--method');
    const space = values.space === undefined ? undefined : oneOf(values.space, ['margin', 'probability'] as const, '--space');
    const budget = values.budget === undefined ? undefined : positiveInt(values.budget, '--budget');
    const seed = Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
    if (!values.model) throw new UsageError('explain needs --model NAME|FILE');
    return {
      command,
      folder: positionals[0] ?? '.',
      model: values.model,
      data: values.data,
      method,
      rows: values.rows,
      space,
      background: values.background,
      budget,
      seed,
      format: oneOf(values.format!, ['json', 'csv'] as const, '--format'),
      out: values.out,
    };
  }
  if (command === 'export-invariant') {
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { model: { type: 'string' }, data: { type: 'string' }, sensitive: { type: 'string' }, out: { type: 'string' }, 'max-values': { type: 'string' } },
    });
    if (!values.model) throw new UsageError('export-invariant needs --model NAME|FILE');
    if (!values.sensitive) throw new UsageError('export-invariant needs --sensitive COLUMN (a model input)');
    if (!values.out) throw new UsageError('export-invariant needs --out FILE.onnx');
    return {
      command,
      folder: positionals[0] ?? '.',
      model: values.model,
      data: values.data,
      sensitive: values.sensitive,
      out: values.out,
      maxValues: values['max-values'] === undefined ? undefined : positiveInt(values['max-values'], '--max-values'),
    };
  }
  throw new UsageError(`unknown command "${command}"`);
}

function oneOf<T extends string>(v: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(v)) return v as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')}, got "${v}"`);
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer, got "${v}"`);
  return n;
}

/** Parses "0-99,120" into sorted unique row indices, checked against the row count. */
export function parseRows(spec: string | undefined, rowCount: number): number[] {
  if (!spec) return Array.from({ length: Math.min(rowCount, 100) }, (_, i) => i);
  const rows = new Set<number>();
  for (const part of spec.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part);
    if (!m) throw new UsageError(`--rows: "${part}" is not a row or a range like 0-99`);
    const lo = Number(m[1]);
    const hi = m[2] === undefined ? lo : Number(m[2]);
    if (hi < lo) throw new UsageError(`--rows: range "${part}" is reversed`);
    if (hi >= rowCount) throw new UsageError(`--rows: row ${hi} is past the last row (${rowCount - 1})`);
    for (let r = lo; r <= hi; r++) rows.add(r);
  }
  return [...rows].sort((a, b) => a - b);
}
