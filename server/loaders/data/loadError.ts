import type { FindingId } from '../../results/findingIds';

/**
 * A problem with an input file that the user must fix: names the file and, when known,
 * the 1-based line and column. The CLI prints it without a stack (exit 2); the language
 * server turns it into a diagnostic at that position.
 */
export class InputError extends Error {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
    readonly id: FindingId = 'data.load',
  ) {
    super(`${file}${line !== undefined ? `:${line}${column !== undefined ? `:${column}` : ''}` : ''}: ${detail}`);
    this.name = 'InputError';
  }
}
