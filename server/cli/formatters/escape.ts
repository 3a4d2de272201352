/**
 * Escaping of values that came from data (feature names, category values, file names) for each
 * output format. Nothing from a data file reaches a report unescaped: a column may be named
 * `<img src=x onerror=…>`, `![x](https://tracker)`, `=HYPERLINK(…)` or hold terminal escapes.
 */

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV Injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell that a spreadsheet would evaluate gets a leading apostrophe (OWASP CSV injection guidance). */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** A number as we print it (digits, sign, point, exponent; `;` between outputs): safe as is in a spreadsheet. */
const NUMBER_CELL = /^-?(\d+(\.\d+)?([eE][+-]?\d+)?|NaN|Infinity)(;-?(\d+(\.\d+)?([eE][+-]?\d+)?|NaN|Infinity))*$/;

/** One CSV field: numbers as they are; text neutralised against formulas, then quoted when needed (RFC 4180). */
export function csvField(text: string): string {
  const safe = NUMBER_CELL.test(text) ? text : neutraliseFormula(text);
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function escapeHtml(text: string): string {
  // Control characters but tab and line breaks are invalid in HTML text: shown as U+FFFD.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/**
 * Plain text inside GitHub-flavoured Markdown (a table cell, a list item, a heading): every
 * character that can open inline markup (emphasis, code, links, images, tables, strike-through)
 * is backslash-escaped, `<` and `&` become entities (no raw
 * HTML), and line breaks become spaces so a value cannot end its table row or start a block.
 */
export function escapeMarkdown(text: string): string {
  return terminalSafe(text.replace(/[\r\n]+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    // Inline markup only: values never start a line here, so `#`, `-`, `+`, `.` cannot open a block.
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

/** A Markdown table cell holding data text: escaped and formula-neutralised (tables get pasted into spreadsheets). */
export function markdownCell(text: string): string {
  return escapeMarkdown(neutraliseFormula(text));
}

/** A Markdown code span around any text: the fence is longer than the longest backtick run inside. */
export function markdownCode(text: string): string {
  const flat = terminalSafe(text.replace(/[\r\n]+/g, ' '));
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || longest > 0 ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * Control characters (C0 but tab, DEL, C1): terminal escape sequences and line breaks inside a
 * value; and the bidirectional overrides and isolates, which reorder what follows them on the
 * line (the "Trojan Source" trick, CVE-2021-42574), so a column name could make a finding read
 * as something else.
 */
const BIDI = '\u200e\u200f\u202a-\u202e\u2066-\u2069';
const CONTROL = new RegExp(`[\u0000-\u0008\u000a-\u001f\u007f-\u009f${BIDI}]`, 'g');

/** A line for the terminal: control characters shown as U+FFFD so data cannot move the cursor, recolour or retitle it. */
export function terminalSafe(text: string): string {
  return text.replace(CONTROL, '\ufffd');
}

/** C0 controls but tab and line feed, DEL and C1: what can start an escape sequence or move the cursor (CR, BS); bidi controls as above. */
const MESSAGE_CONTROL = new RegExp(`[\u0000-\u0008\u000b-\u001f\u007f-\u009f${BIDI}]`, 'g');

/**
 * A message for stderr (errors, progress, notes): it may span lines, so tab and line feed stay;
 * every other control character is written as a visible `\xNN`, so a column named
 * "\x1b[2J" is shown by that name (the user can find it) instead of clearing the screen.
 */
export function terminalMessage(text: string): string {
  return text.replace(MESSAGE_CONTROL, (c) => {
    const code = c.charCodeAt(0);
    return code > 0xff ? `\\u${code.toString(16)}` : `\\x${code.toString(16).padStart(2, '0')}`;
  });
}
