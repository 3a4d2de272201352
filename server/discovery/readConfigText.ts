import { open } from 'node:fs/promises';
import { describeBytes } from '../loaders/fileAccess';

/**
 * Largest modeldiag.json read. A config lists models, columns and a few slices: real ones are a
 * few kB. Anything near this size is a data file saved under the wrong name (or hostile), and
 * parsing it would hold the worker for seconds.
 */
export const MAX_CONFIG_BYTES = 4 * 1024 * 1024;

export type ConfigText = { readonly text: string } | { readonly tooLarge: number };

/** Reads a config file, refusing (without reading it) one larger than MAX_CONFIG_BYTES. */
export async function readConfigText(path: string): Promise<ConfigText> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    if (size > MAX_CONFIG_BYTES) return { tooLarge: size };
    return { text: await handle.readFile('utf8') };
  } finally {
    await handle.close();
  }
}

export function tooLargeMessage(size: number): string {
  return `modeldiag.json is ${describeBytes(size)}, over the ${describeBytes(MAX_CONFIG_BYTES)} a config may be; it should name models and data files, not hold data — nothing in it was read`;
}
