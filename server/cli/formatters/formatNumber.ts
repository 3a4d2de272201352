import type { MetricValue } from '../../results/report';

export function metricNumber(v: MetricValue): number {
  return typeof v === 'number' ? v : v.value;
}

/** 4 significant digits, no exponent for ordinary magnitudes. */
export function fmt(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '–';
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (a >= 1e5 || a < 1e-4) return v.toExponential(2);
  return Number(v.toPrecision(4)).toString();
}

export function fmtMetric(v: MetricValue): string {
  return typeof v === 'number' ? fmt(v) : `${fmt(v.value)} [${fmt(v.ci[0])}, ${fmt(v.ci[1])}]`;
}
