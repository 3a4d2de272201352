import { terminalMessage } from './formatters/escape';

/**
 * The CLI's one way to stderr. Its messages carry data-derived text (column names, file
 * contents in parse errors, model names, stack traces of such errors), which must not reach
 * the terminal as escape sequences: control characters are written visibly (escape.ts).
 */
export function writeStderr(text: string): void {
  process.stderr.write(terminalMessage(text));
}

/** The progress line of a TTY: our own `\r` and erase-line around a sanitised message. */
export function writeProgressLine(message: string): void {
  process.stderr.write(`\r\x1b[K${terminalMessage(message)}…`);
}

/** Erases the progress line. */
export function clearProgressLine(): void {
  process.stderr.write('\r\x1b[K');
}
