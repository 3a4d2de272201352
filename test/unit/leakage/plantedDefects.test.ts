import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runLeakageChecks } from '../../../server/engine/leakage/runLeakageChecks';
import type { Finding } from '../../../server/results/finding';
import { fixtureContext, plantedSpec } from './helpers/fixtureContext';
import { atLeastWarning, summarise } from './helpers/summarise';

/**
 * Acceptance: each planted-defect set yields its planted finding (id + feature) at warning
 * or above, and nothing else at warning or above. jagged_slice belongs to the slice engine;
 * here it only has to stay quiet.
 */
interface Planted {
  readonly set: string;
  readonly id: Finding['id'];
  /** Feature the finding must name (feature or one of features); undefined = any. */
  readonly feature?: string;
}

const PLANTED: readonly Planted[] = [
  { set: 'target_leak', id: 'leak.target', feature: 'collections_flag' },
  { set: 'id_column', id: 'leak.identifier', feature: 'row_id' },
  { set: 'train_test_duplicates', id: 'leak.duplicate-rows' },
  { set: 'sensitive_proxy', id: 'leak.proxy', feature: 'neighborhood_index' },
  { set: 'treatment_threshold', id: 'goodhart.threshold', feature: 'lactate_mmol' },
];

function names(f: Finding): readonly string[] {
  return [...(f.feature ? [f.feature] : []), ...(f.features ?? [])];
}

function isPlanted(f: Finding, p: Planted): boolean {
  return f.id === p.id && (p.feature === undefined || names(f).includes(p.feature));
}

const cache = new Map<string, Promise<Finding[]>>();

/**
 * Findings per set, computed once per test run (several tests read the same set).
 * `useImportance`: model reliance from the library's permutation importance instead of
 * the checks' own permutation through the model.
 */
function findingsFor(set: string, useImportance = false): Promise<Finding[]> {
  const key = `${set}/${useImportance}`;
  let p = cache.get(key);
  if (!p) {
    p = (async () => {
      const { ctx, dispose } = await fixtureContext({ ...plantedSpec(set), useImportance });
      try {
        return await runLeakageChecks(ctx);
      } finally {
        await dispose();
      }
    })();
    cache.set(key, p);
  }
  return p;
}

describe('planted defects', () => {
  for (const [p, useImportance] of PLANTED.flatMap((p) => [[p, false], [p, true]] as const)) {
    const how = useImportance ? ' (reliance from given importance)' : '';
    it(`${p.set}: reports ${p.id}${p.feature ? ` on ${p.feature}` : ''} and nothing unplanted at warning or above${how}`, async () => {
      const findings = await findingsFor(p.set, useImportance);
      const strong = atLeastWarning(findings);
      assert.ok(strong.some((f) => isPlanted(f, p)), `planted finding missing:\n${summarise(findings)}`);
      const extra = strong.filter((f) => !isPlanted(f, p));
      assert.deepEqual(extra, [], `unplanted findings at warning or above:\n${summarise(extra)}`);
    });
  }

  it('jagged_slice: no leakage finding at warning or above (the slice is for jagged.slice)', async () => {
    const strong = atLeastWarning(await findingsFor('jagged_slice'));
    assert.deepEqual(strong, [], summarise(strong));
  });

  it('sensitive_proxy: the weak proxy commute_minutes ranks below neighborhood_index', async () => {
    const proxies = (await findingsFor('sensitive_proxy')).filter((f) => f.id === 'leak.proxy' && f.feature);
    const auc = (name: string): number => Number(proxies.find((f) => f.feature === name)?.evidence.auc ?? 0);
    assert.ok(auc('neighborhood_index') > 0.9, summarise(proxies));
    assert.ok(auc('commute_minutes') < auc('neighborhood_index'), summarise(proxies));
    assert.equal(proxies.find((f) => f.feature === 'commute_minutes')?.severity ?? 'info', 'info');
  });

  it('train_test_duplicates: counts the 150 exact duplicates, all with the same label', async () => {
    const dup = (await findingsFor('train_test_duplicates')).find((f) => f.id === 'leak.duplicate-rows' && f.severity !== 'info');
    assert.equal(dup?.evidence.exact_test_rows, 150);
    assert.equal(dup?.evidence.exact_same_label, 150);
    assert.ok(Number(dup?.evidence.near_test_rows) >= 30, 'most of the 40 near duplicates are found');
  });

  it('treatment_threshold: the step is located at 4.0', async () => {
    const t = (await findingsFor('treatment_threshold')).find((f) => f.id === 'goodhart.threshold' && f.feature === 'lactate_mmol');
    assert.equal(t?.evidence.threshold, 4);
  });
});
