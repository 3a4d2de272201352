/**
 * The one door through which loaders open input files. It does two jobs:
 * - refuses a file larger than the size limit before reading a byte of it (the error names
 *   the limit and the knob: MODEL_DIAGNOSTICS_MAX_FILE_MB);
 * - announces every path it opens on the `modeldiag:file-open` diagnostics channel, so tests
 *   (and anyone auditing) can check that no file outside the workspace is ever read. Publishing
 *   costs nothing while nobody subscribes.
 */
import { channel } from 'node:diagnostics_channel';
import { createReadStream, type ReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { FindingId } from '../results/findingIds';
import { InputError } from './data/loadError';

/** Name of the diagnostics channel that receives `{ path, purpose }` for every file opened. */
export const FILE_OPEN_CHANNEL = 'modeldiag:file-open';
const opened = channel(FILE_OPEN_CHANNEL);

export interface FileOpenMessage {
  readonly path: string;
  readonly purpose: 'data' | 'model' | 'external-data';
}

/** Default largest input file: 4 GiB (data and models; external tensor data counts per file). */
export const DEFAULT_MAX_FILE_BYTES = 4 * 1024 ** 3;

/** The size limit in bytes: MODEL_DIAGNOSTICS_MAX_FILE_MB when set to a positive number, else the default. */
export function maxFileBytes(): number {
  const mb = Number(process.env.MODEL_DIAGNOSTICS_MAX_FILE_MB);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES;
}

export function describeBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(n % 1024 ** 3 ? 1 : 0)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(n % 1024 ** 2 ? 1 : 0)} MiB`;
  return `${n} bytes`;
}

/** Stats the file and refuses it when it is missing, not a regular file or over the limit. Returns its size. */
export async function checkInputFile(path: string, purpose: FileOpenMessage['purpose'], id: FindingId): Promise<number> {
  let size: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new InputError(path, `not a regular file`, undefined, undefined, id);
    size = s.size;
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(path, code === 'ENOENT' ? `${purpose === 'model' ? 'model ' : ''}file not found` : `cannot read the file: ${code ?? String(e)}`, undefined, undefined, id);
  }
  const limit = maxFileBytes();
  if (size > limit) {
    throw new InputError(
      path,
      `the file is ${describeBytes(size)}, larger than the limit of ${describeBytes(limit)}; sample it down, or raise the limit with the environment variable MODEL_DIAGNOSTICS_MAX_FILE_MB`,
      undefined,
      undefined,
      id,
    );
  }
  return size;
}

/** Publishes an open on the channel (for readers that open files themselves). */
export function announceFileOpen(path: string, purpose: FileOpenMessage['purpose']): void {
  if (opened.hasSubscribers) opened.publish({ path, purpose } satisfies FileOpenMessage);
}

/** Reads a whole (size-checked) file. */
export async function readInputFile(path: string, purpose: FileOpenMessage['purpose'], id: FindingId): Promise<Buffer> {
  await checkInputFile(path, purpose, id);
  announceFileOpen(path, purpose);
  return readFile(path);
}

/** Opens a (size-checked) file as a stream. */
export async function openInputStream(path: string, purpose: FileOpenMessage['purpose'], id: FindingId): Promise<ReadStream> {
  await checkInputFile(path, purpose, id);
  announceFileOpen(path, purpose);
  return createReadStream(path);
}

/** For readers that open the file themselves (hyparquet): size check and announcement only. */
export async function admitInputFile(path: string, purpose: FileOpenMessage['purpose'], id: FindingId): Promise<number> {
  const size = await checkInputFile(path, purpose, id);
  announceFileOpen(path, purpose);
  return size;
}
