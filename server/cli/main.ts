/**
 * model-diagnostics: the command-line twin of the extension. A thin shell over the same
 * pipeline the language server runs. Exit codes: 0 ok, 1 findings at or above --fail-on,
 * 2 bad input (a message naming the file and what to do, never a stack trace).
 */
import { writeFile } from 'node:fs/promises';
import { InputError } from '../loaders/data/loadError';
import { severityRank } from '../results/finding';
import { checkWorkspace } from '../pipeline/checkWorkspace';
import { parseCliArgs, USAGE, UsageError, type CheckArgs, type Format } from './args';
import { runExplain } from './explainCommand';
import { runExportInvariant } from './exportInvariantCommand';
import { formatHtml } from './formatters/html';
import { formatMarkdown } from './formatters/markdown';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { clearProgressLine, writeProgressLine, writeStderr } from './stderr';
import type { CheckReport } from '../results/report';

declare const __VERSION__: string;
export const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev';

async function main(argv: readonly string[]): Promise<number> {
  const args = parseCliArgs(argv);
  if (args.command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (args.command === 'explain') return runExplain(args);
  if (args.command === 'export-invariant') return runExportInvariant(args);
  return runCheck(args);
}

async function runCheck(args: CheckArgs): Promise<number> {
  const progress = args.format === 'text' && process.stderr.isTTY ? writeProgressLine : undefined;
  const result = await checkWorkspace(args.folder, { onProgress: progress });
  if (progress) clearProgressLine();
  const text = format(result.report, args.format);
  if (args.out) {
    await writeFile(args.out, text);
    if (args.format !== 'text') process.stdout.write(formatText(result.report));
    writeStderr(`report written to ${args.out}\n`);
  } else process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  if (result.inputErrors > 0) {
    for (const f of result.report.findings.filter((x) => x.severity === 'error')) writeStderr(`error: ${f.location && !f.message.startsWith(f.location.file) ? `${f.location.file}${f.location.line ? `:${f.location.line}:${f.location.column ?? 1}` : ''}: ` : ''}${f.message}\n`);
    return 2;
  }
  if (args.failOn === 'never') return 0;
  const threshold = severityRank[args.failOn];
  const failing = result.report.models.flatMap((m) => m.findings).filter((f) => !f.ignored && severityRank[f.severity] >= threshold);
  return failing.length > 0 ? 1 : 0;
}

function format(report: CheckReport, f: Format): string {
  switch (f) {
    case 'json':
      return JSON.stringify(report, jsonReplacer, 2);
    case 'sarif':
      return formatSarif(report, VERSION);
    case 'markdown':
      return formatMarkdown(report);
    case 'html':
      return formatHtml(report);
    case 'text':
      return formatText(report);
  }
}

/** NaN and ±Infinity are not JSON: they become null. */
export function jsonReplacer(_key: string, value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? null : value;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (e instanceof UsageError) writeStderr(`error: ${e.message}\n\n${USAGE}\n`);
    else if (e instanceof InputError) writeStderr(`error: ${e.message}\n`);
    else writeStderr(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\nPlease report this with the command you ran.\n`);
    process.exitCode = 2;
  },
);
