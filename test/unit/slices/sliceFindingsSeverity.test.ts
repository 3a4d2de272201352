import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lowerBoundEffect, sliceFindings, WARNING_MIN_EFFECT_AT_LOWER_BOUND } from '../../../server/engine/slices/sliceFindings';
import type { JaggedSlice } from '../../../server/engine/slices/jaggedTypes';

function slice(predicates: [string, number][], value: number, ci: [number, number], baseline = 0.1): JaggedSlice {
  return {
    predicates: predicates.map(([feature, v]) => ({ feature, op: '==' as const, value: v })),
    size: 100,
    metric: 'error_rate',
    value,
    baseline,
    lift: value / baseline,
    pValue: 1e-9,
    qValue: 1e-8,
    ci,
    score: 1,
    label: predicates.map(([f, v]) => `${f} == ${v}`).join(' AND '),
    support: 0.03,
    complement: baseline,
    effectSize: 0.8,
    effectSizeKind: 'cohens_h',
    significant: true,
    metrics: {} as JaggedSlice['metrics'],
  } as JaggedSlice;
}

test('a slice is a warning only when its effect is at least medium at the lower end of its interval', () => {
  const strong = slice([['a', 1]], 0.46, [0.37, 0.55]);
  const smallButSure = slice([['b', 1]], 0.18, [0.15, 0.21]);
  const wideInterval = slice([['c', 1]], 0.28, [0.14, 0.48], 0.033);
  assert.ok(lowerBoundEffect(strong) >= WARNING_MIN_EFFECT_AT_LOWER_BOUND);
  const [a, b] = sliceFindings([strong, smallButSure]);
  assert.equal(a.severity, 'warning');
  assert.equal(b.severity, 'info');
  assert.equal(sliceFindings([wideInterval])[0].severity, 'info', `h at lower bound ${lowerBoundEffect(wideInterval).toFixed(2)}`);
});

test('refinements and generalisations of a warned slice are info: one defect, one warning', () => {
  const planted = slice([['region', 4], ['product', 2]], 0.46, [0.37, 0.55]);
  const refinement = slice([['region', 4], ['product', 2], ['channel', 0]], 0.54, [0.4, 0.67]);
  const generalisation = slice([['product', 2]], 0.6, [0.5, 0.7]);
  const other = slice([['tenure', 1]], 0.6, [0.5, 0.7]);
  const severities = sliceFindings([planted, refinement, generalisation, other]).map((f) => f.severity);
  assert.deepEqual(severities, ['warning', 'info', 'info', 'warning']);
});
