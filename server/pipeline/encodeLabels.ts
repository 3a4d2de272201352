import type { Column } from '../loaders/data/dataset';
import { displayValue, isMissing, numericValue } from '../loaders/data/dataset';
import { InputError } from '../loaders/data/loadError';
import type { Task } from '../results/report';

/**
 * The target column as numbers: the value for regression, the class index for
 * classification (classes in the model's order; NaN when missing). Unknown labels are an
 * error that names the offending value.
 */
export function encodeLabels(column: Column, task: Task, classes: readonly string[] | undefined, source: string): { labels: Float64Array; classes?: string[] } {
  const n = column.kind === 'categorical' ? column.codes.length : column.values.length;
  const labels = new Float64Array(n);
  if (task === 'regression') {
    if (column.kind === 'categorical') throw new InputError(source, `target "${column.name}" holds text; a regression target must be numeric`, undefined, undefined, 'data.load');
    for (let i = 0; i < n; i++) labels[i] = numericValue(column, i);
    return { labels };
  }
  const names = classes ? [...classes] : distinctSorted(column);
  const index = new Map(names.map((c, k) => [c, k]));
  for (let i = 0; i < n; i++) {
    if (isMissing(column, i)) {
      labels[i] = NaN;
      continue;
    }
    const text = labelText(column, i);
    let k = index.get(text);
    if (k === undefined && column.kind === 'boolean') k = index.get(text === 'true' ? '1' : '0');
    if (k === undefined) {
      throw new InputError(source, `label "${text}" in column "${column.name}" (row ${i + 1}) is not one of the model's classes (${names.join(', ')}); check "target" and "positiveClass"`, i + 2, undefined, 'data.load');
    }
    labels[i] = k;
  }
  return { labels, classes: names };
}

function labelText(column: Column, row: number): string {
  if (column.kind === 'numeric') return String(column.values[row]);
  return displayValue(column, row);
}

function distinctSorted(column: Column): string[] {
  const n = column.kind === 'categorical' ? column.codes.length : column.values.length;
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) if (!isMissing(column, i)) seen.add(labelText(column, i));
  return [...seen].sort((a, b) => (Number.isFinite(Number(a)) && Number.isFinite(Number(b)) ? Number(a) - Number(b) : a.localeCompare(b)));
}
