/**
 * The byte stream in front of the CSV parser: decodes UTF-16 files (detected by their
 * byte-order mark) to text, and stops at the first NUL byte of any other file with an error
 * at its line and column (NUL bytes mean a binary file, or UTF-16 without a byte-order mark).
 */
import { createReadStream } from 'node:fs';
import { Transform, type TransformCallback } from 'node:stream';
import { InputError } from './loadError';

export class CsvInputGuard extends Transform {
  private decoder: TextDecoder | undefined;
  private sniffed = false;
  private offset = 0;

  constructor(private readonly path: string) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (!this.sniffed) {
      this.sniffed = true;
      if (chunk[0] === 0xff && chunk[1] === 0xfe) this.decoder = new TextDecoder('utf-16le');
      else if (chunk[0] === 0xfe && chunk[1] === 0xff) this.decoder = new TextDecoder('utf-16be');
    }
    if (this.decoder) {
      callback(null, this.decoder.decode(chunk, { stream: true }));
      return;
    }
    const nul = chunk.indexOf(0);
    if (nul >= 0) {
      const at = this.offset + nul;
      lineColumnAt(this.path, at).then(
        ({ line, column }) => callback(nulError(this.path, line, column)),
        () => callback(nulError(this.path, undefined, undefined)),
      );
      return;
    }
    this.offset += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    const rest = this.decoder?.decode();
    callback(null, rest || undefined);
  }
}

function nulError(path: string, line: number | undefined, column: number | undefined): InputError {
  return new InputError(
    path,
    'the file holds a NUL byte: it is binary, or UTF-16 text without a byte-order mark; save it as UTF-8 (or UTF-16 with a BOM)',
    line,
    column,
  );
}

/** 1-based line and byte column of a byte offset (only on the error path: reads the file up to it). */
async function lineColumnAt(path: string, offset: number): Promise<{ line: number; column: number }> {
  let line = 1;
  let lineStart = 0;
  let pos = 0;
  for await (const chunk of createReadStream(path, { end: Math.max(0, offset - 1) }) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) {
      line++;
      lineStart = pos + i + 1;
    }
    pos += chunk.length;
  }
  return { line, column: offset - lineStart + 1 };
}
