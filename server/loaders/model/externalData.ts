/**
 * Tensors whose bytes live outside the .onnx file (TensorProto.data_location = EXTERNAL, with
 * `external_data` entries `location`, `offset`, `length`).
 *
 * How we handle them: onnxruntime resolves `location` against the model's folder when it loads
 * a path, and against its working directory when it loads bytes, as we do; a location such as
 * `../../home/me/.ssh/id_rsa` or `/etc/passwd` would make it read any file (the class of
 * CVE-2022-25882 and CVE-2024-27318). So onnxruntime never sees an external reference: we check
 * each location ourselves — relative, inside the model's folder after resolving `..` and
 * symlinks, a regular file with a single hard link, offset and length inside the file — read
 * the bytes, and inline them into the model (raw_data) before the session is created from
 * bytes. Anything else is refused before a byte of the referenced file is read.
 */
import { lstat, open, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from '../data/loadError';
import { announceFileOpen, describeBytes, maxFileBytes } from '../fileAccess';
import type { OnnxGraph, OnnxModel, OnnxTensor } from './onnxProto';

/** TensorProto.DataLocation.EXTERNAL */
const EXTERNAL = 1;
/** How deep subgraphs (If/Loop/Scan bodies) are searched; deeper nesting is refused. */
const MAX_GRAPH_DEPTH = 64;
/** protobuf's own ceiling for one message: inlined data must keep the model under it. */
const MAX_INLINED_BYTES = 2 ** 31 - 1;
/** The bytes `\x0a\x08location` (StringStringEntryProto key "location") as they appear on the wire. */
const LOCATION_KEY_BYTES = Buffer.from([0x0a, 0x08, ...Buffer.from('location')]);

function refuse(modelPath: string, detail: string): InputError {
  return new InputError(modelPath, detail, undefined, undefined, 'model.load');
}

/** Every tensor of the graph and its subgraphs (initializers, tensor attributes). */
function tensorsOf(graph: OnnxGraph | undefined, modelPath: string, depth = 0, out: OnnxTensor[] = []): OnnxTensor[] {
  if (!graph) return out;
  if (depth > MAX_GRAPH_DEPTH) throw refuse(modelPath, `subgraphs are nested more than ${MAX_GRAPH_DEPTH} deep; the file is damaged or hostile`);
  out.push(...(graph.initializer ?? []));
  for (const node of graph.node ?? []) {
    for (const a of node.attribute ?? []) {
      if (a.t) out.push(a.t);
      out.push(...(a.tensors ?? []));
      if (a.g) tensorsOf(a.g, modelPath, depth + 1, out);
      for (const g of a.graphs ?? []) tensorsOf(g, modelPath, depth + 1, out);
    }
  }
  return out;
}

function countOccurrences(haystack: Uint8Array, needle: Buffer): number {
  const buf = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  let n = 0;
  for (let i = buf.indexOf(needle); i >= 0; i = buf.indexOf(needle, i + 1)) n++;
  return n;
}

/** A quick pre-check without decoding: a file without a `location` entry has no external data. */
export function mayHoldExternalData(raw: Uint8Array): boolean {
  return countOccurrences(raw, LOCATION_KEY_BYTES) > 0;
}

export interface ExternalReference {
  readonly tensor: OnnxTensor;
  readonly location: string;
  readonly offset: number;
  readonly length: number | undefined;
}

/** The external references of a decoded model; throws when the file holds some we cannot see. */
export function externalReferences(modelPath: string, model: OnnxModel, raw: Uint8Array): ExternalReference[] {
  const refs: ExternalReference[] = [];
  for (const t of tensorsOf(model.graph, modelPath)) {
    if (t.dataLocation !== EXTERNAL && !(t.externalData ?? []).length) continue;
    const entry = (key: string): string | undefined => t.externalData?.find((e) => e.key === key)?.value;
    const location = entry('location');
    if (!location) throw refuse(modelPath, `tensor "${t.name ?? '?'}" is stored externally but names no location; re-export the model`);
    const offset = entry('offset') === undefined ? 0 : Number(entry('offset'));
    const length = entry('length') === undefined ? undefined : Number(entry('length'));
    if (!Number.isSafeInteger(offset) || offset < 0 || (length !== undefined && (!Number.isSafeInteger(length) || length < 0))) {
      throw refuse(modelPath, `tensor "${t.name ?? '?'}" has an invalid external offset/length (${entry('offset')}/${entry('length')})`);
    }
    refs.push({ tensor: t, location, offset, length });
  }
  // Parts of the protobuf we do not decode (functions, sparse initializers, training info) may
  // hold external references too; onnxruntime would follow them, so their presence is refused.
  if (countOccurrences(raw, LOCATION_KEY_BYTES) > refs.length) {
    throw refuse(modelPath, 'the model refers to external data from a part of the file we do not read (functions, sparse initializers or training info); inline the data (onnx.save with save_as_external_data=False)');
  }
  return refs;
}

/** Resolves one location to a real file path inside the model's folder, or throws saying why not. */
export async function resolveInsideFolder(modelPath: string, location: string): Promise<string> {
  const folder = dirname(resolve(modelPath));
  const shown = JSON.stringify(location);
  if (location.includes('\0')) throw refuse(modelPath, `external data location ${shown} holds a NUL character; refused`);
  if (isAbsolute(location) || /^[a-zA-Z]:[\\/]/.test(location) || location.startsWith('\\\\') || location.startsWith('/')) {
    throw refuse(modelPath, `external data location ${shown} is an absolute path; only files inside the model's folder are read — move the data next to the model and re-export with a relative location`);
  }
  const target = resolve(folder, location.replace(/\\/g, '/'));
  if (!isInside(folder, target)) throw refuse(modelPath, `external data location ${shown} points outside the model's folder; refused (move the data next to the model)`);
  let real: string;
  let realFolder: string;
  try {
    const link = await lstat(target);
    realFolder = await realpath(folder);
    real = await realpath(target);
    if (link.isSymbolicLink() && !isInside(realFolder, real)) throw refuse(modelPath, `external data location ${shown} is a symbolic link to a file outside the model's folder; refused`);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw refuse(modelPath, code === 'ENOENT' ? `external data file ${shown} not found next to the model` : `cannot read external data file ${shown}: ${code ?? String(e)}`);
  }
  if (!isInside(realFolder, real)) throw refuse(modelPath, `external data location ${shown} resolves (through a symbolic link) outside the model's folder; refused`);
  const info = await stat(real);
  if (!info.isFile()) throw refuse(modelPath, `external data location ${shown} is not a regular file`);
  if (info.nlink > 1) {
    throw refuse(modelPath, `external data file ${shown} has ${info.nlink} hard links, so it may be a file from outside the model's folder; refused (copy it instead of linking)`);
  }
  return real;
}

function isInside(folder: string, path: string): boolean {
  const r = relative(folder, path);
  return r !== '' && !r.startsWith(`..${sep}`) && r !== '..' && !isAbsolute(r);
}

/**
 * Returns the model with every external tensor's bytes inlined (and whether anything changed).
 * Each referenced file is checked before it is opened.
 */
export async function inlineExternalData(modelPath: string, model: OnnxModel, raw: Uint8Array): Promise<{ model: OnnxModel; inlined: number }> {
  const refs = externalReferences(modelPath, model, raw);
  if (!refs.length) return { model, inlined: 0 };
  const limit = Math.min(maxFileBytes(), MAX_INLINED_BYTES - raw.byteLength);
  let total = 0;
  for (const ref of refs) {
    const real = await resolveInsideFolder(modelPath, ref.location);
    const size = (await stat(real)).size;
    const length = ref.length ?? size - ref.offset;
    if (ref.offset + length > size) {
      throw refuse(modelPath, `tensor "${ref.tensor.name ?? '?'}": external bytes ${ref.offset}..${ref.offset + length} lie beyond the end of ${JSON.stringify(ref.location)} (${size} bytes); the data file is truncated`);
    }
    total += length;
    if (total > limit) throw refuse(modelPath, `external data adds up to more than ${describeBytes(limit)}; too large to analyse (limit: MODEL_DIAGNOSTICS_MAX_FILE_MB)`);
    announceFileOpen(real, 'external-data');
    const handle = await open(real, 'r');
    try {
      const bytes = Buffer.alloc(length);
      const { bytesRead } = await handle.read(bytes, 0, length, ref.offset);
      if (bytesRead !== length) throw refuse(modelPath, `tensor "${ref.tensor.name ?? '?'}": read ${bytesRead} of ${length} external bytes from ${JSON.stringify(ref.location)}`);
      ref.tensor.rawData = bytes;
    } finally {
      await handle.close();
    }
    delete ref.tensor.externalData;
    ref.tensor.dataLocation = 0;
  }
  return { model, inlined: refs.length };
}
