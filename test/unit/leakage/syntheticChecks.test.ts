import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runLeakageChecks } from '../../../server/engine/leakage/runLeakageChecks';
import type { Finding } from '../../../server/results/finding';
import type { FindingId } from '../../../server/results/findingIds';
import { normal, sigmoid, syntheticContext, type Columns, type World } from './helpers/syntheticContext';
import { atLeastWarning, summarise } from './helpers/summarise';

/**
 * One synthetic world per phenomenon, with names, scales and model kinds unlike the
 * planted fixtures: each check must find its phenomenon from the data and the model, not
 * from anything specific to those files.
 */
function bernoulli(p: number, u: number): number {
  return u < p ? 1 : 0;
}

async function strongFindings(w: World, only?: FindingId[]): Promise<Finding[]> {
  return atLeastWarning(await runLeakageChecks(syntheticContext(w), only));
}

function expectOnly(findings: Finding[], id: FindingId, feature?: string): void {
  assert.ok(
    findings.some((f) => f.id === id && (feature === undefined || f.feature === feature || f.features?.includes(feature))),
    `expected ${id}${feature ? ` on ${feature}` : ''}:\n${summarise(findings)}`,
  );
  const others = findings.filter((f) => f.id !== id);
  assert.deepEqual(others, [], `unexpected:\n${summarise(others)}`);
}

/** Blood pressure ≥ 140 triggers an unrecorded treatment that lowers risk. */
function bloodPressureWorld(smoothModel: boolean): World {
  const base = (sbp: number, age: number) => -1.2 + 0.04 * (sbp - 130) + 0.03 * (age - 55);
  return {
    n: 14000,
    features: ['systolic_bp', 'age_years'],
    target: 'stroke',
    columns: (r, n) => {
      const sbp: number[] = [];
      const age: number[] = [];
      const y: number[] = [];
      for (let i = 0; i < n; i++) {
        const s = Math.round(130 + 18 * normal(r));
        const a = Math.round(30 + 55 * r());
        const treated = s >= 140 && r() < 0.9;
        sbp.push(s);
        age.push(a);
        y.push(bernoulli(sigmoid(base(s, a) - (treated ? 1.5 : 0)), r()));
      }
      return { systolic_bp: sbp, age_years: age, stroke: y };
    },
    model: (x) => {
      const b = base(x[0], x[1]);
      if (smoothModel || x[0] < 140) return sigmoid(b);
      return 0.1 * sigmoid(b) + 0.9 * sigmoid(b - 1.5);
    },
  };
}

describe('synthetic worlds', () => {
  it('goodhart.threshold: a step model at a round blood pressure', async () => {
    const f = await strongFindings(bloodPressureWorld(false));
    expectOnly(f, 'goodhart.threshold', 'systolic_bp');
    assert.equal(f.find((x) => x.id === 'goodhart.threshold')?.evidence.threshold, 140);
  });

  it('goodhart.threshold: a smooth model, strong data step only', async () => {
    const f = await strongFindings(bloodPressureWorld(true), ['goodhart.threshold']);
    expectOnly(f, 'goodhart.threshold', 'systolic_bp');
  });

  for (const idName of ['customerId', 'acct']) {
  it(`leak.identifier: random (non-sequential) unique IDs named '${idName}' that the model uses`, async () => {
    const world: World = {
      n: 6000,
      features: [idName, 'balance'],
      target: 'churn',
      columns: (r, n) => {
        const ids = new Set<number>();
        while (ids.size < n) ids.add(1_000_000 + Math.floor(r() * 8_000_000));
        const id = [...ids];
        const bal = id.map(() => normal(r));
        // Older customers (small IDs) churn more: the ID carries the signal.
        const y = id.map((v, i) => bernoulli(sigmoid(-1 + 0.5 * bal[i] - 2e-7 * (v - 5e6)), r()));
        return { [idName]: id, balance: bal, churn: y };
      },
      model: (x) => sigmoid(-1 + 0.5 * x[1] - 2e-7 * (x[0] - 5e6)),
    };
    expectOnly(await strongFindings(world), 'leak.identifier', idName);
  });
  }

  it('leak.temporal: a random split over drifting labels, and an input that encodes time', async () => {
    const world: World = {
      n: 5000,
      features: ['tenure_days', 'usage'],
      target: 'upgrade',
      time: 'signup_day',
      columns: (r, n) => {
        const day = Array.from({ length: n }, (_, i) => i);
        const tenure = day.map((d) => 1000 - d + 5 * normal(r));
        const usage = day.map(() => normal(r));
        const y = day.map((d, i) => bernoulli(sigmoid(-2 + 0.003 * d + 0.3 * usage[i]), r()));
        return { signup_day: day, tenure_days: tenure, usage, upgrade: y };
      },
      model: (x) => sigmoid(-2 + 0.003 * (1000 - x[0]) + 0.3 * x[1]),
    };
    const f = await strongFindings(world, ['leak.temporal']);
    expectOnly(f, 'leak.temporal', 'signup_day');
    expectOnly(f, 'leak.temporal', 'tenure_days');
  });

  it('drift.feature: a shifted input the model relies on', async () => {
    const world: World = {
      n: 5000,
      features: ['pressure_kpa', 'flow'],
      target: 'fault',
      columns: (r, n) => {
        const flow = Array.from({ length: n }, () => normal(r));
        const late = Array.from({ length: n }, (_, i) => i >= n * 0.8);
        const p = late.map((l) => 100 + 5 * normal(r) + (l ? 6 : 0));
        const y = p.map((v, i) => bernoulli(sigmoid(0.2 * (v - 100) + flow[i]), r()));
        return { pressure_kpa: p, flow, fault: y, late: late.map(Number) };
      },
      isTest: (c, i) => c.late[i] === 1,
      model: (x) => sigmoid(0.2 * (x[0] - 100) + x[1]),
    };
    expectOnly(await strongFindings(world, ['drift.feature']), 'drift.feature', 'pressure_kpa');
  });

  it('acquire.missing-value: an often-missing measurement that sharpens predictions', async () => {
    const world: World = {
      n: 5000,
      features: ['troponin', 'age'],
      target: 'mi',
      columns: (r, n) => {
        const t = Array.from({ length: n }, () => normal(r));
        const age = Array.from({ length: n }, () => normal(r));
        const y = t.map((v, i) => bernoulli(sigmoid(2 * v + 0.3 * age[i]), r()));
        return { troponin: t.map((v) => (r() < 0.4 ? NaN : v)), age, mi: y };
      },
      model: (x) => (Number.isNaN(x[0]) ? sigmoid(0.3 * x[1]) : sigmoid(2 * x[0] + 0.3 * x[1])),
    };
    expectOnly(await strongFindings(world, ['acquire.missing-value']), 'acquire.missing-value', 'troponin');
  });

  it('fairness.gap: decisions flip when only a sensitive input changes', async () => {
    const world: World = {
      n: 4000,
      features: ['score', 'gender'],
      target: 'hired',
      sensitive: ['gender'],
      columns: (r, n) => {
        const s = Array.from({ length: n }, () => normal(r));
        const g = Array.from({ length: n }, () => (r() < 0.5 ? 1 : 0));
        return { score: s, gender: g, hired: s.map((v, i) => bernoulli(sigmoid(v + 1.2 * g[i]), r())) };
      },
      model: (x) => sigmoid(x[0] + 1.2 * x[1]),
    };
    const f = await strongFindings(world, ['fairness.gap']);
    expectOnly(f, 'fairness.gap', 'gender');
  });

  it('leak.target: a regression label copied into a feature with noise', async () => {
    const world: World = {
      n: 3000,
      task: 'regression',
      features: ['sqft', 'rooms', 'sale_price_adj'],
      target: 'price',
      columns: (r, n) => {
        const sqft = Array.from({ length: n }, () => 1500 + 400 * normal(r));
        const rooms = sqft.map((s) => Math.round(s / 400 + normal(r)));
        const price = sqft.map((s) => 100 * s + 40000 * normal(r));
        return { sqft, rooms, price, sale_price_adj: price.map((p) => p + 5000 * normal(r)) };
      },
      model: (x) => 0.1 * (100 * x[0]) + 0.9 * x[2],
    };
    expectOnly(await strongFindings(world, ['leak.target']), 'leak.target', 'sale_price_adj');
  });

  it('goodhart.counterintuitive: a declared risk factor that looks protective in data and model', async () => {
    const world: World = {
      n: 6000,
      features: ['asthma', 'age'],
      target: 'death',
      expect: { asthma: 'increasing' },
      columns: (r, n) => {
        const asthma = Array.from({ length: n }, () => (r() < 0.15 ? 1 : 0));
        const age = Array.from({ length: n }, () => normal(r));
        // Asthmatics go straight to intensive care: observed risk is lower.
        return { asthma, age, death: asthma.map((a, i) => bernoulli(sigmoid(-1.5 + 0.8 * age[i] - 0.9 * a), r())) };
      },
      model: (x) => sigmoid(-1.5 + 0.8 * x[1] - 0.9 * x[0]),
    };
    expectOnly(await strongFindings(world, ['goodhart.counterintuitive', 'goodhart.monotonicity']), 'goodhart.counterintuitive', 'asthma');
  });

  for (const seed of [1, 2, 3]) {
    it(`no signal planted (seed ${seed}): nothing at warning or above`, async () => {
      const names = ['a_level', 'b_ratio', 'c_count', 'd_score', 'e_amount'];
      const world: World = {
        n: 4000,
        seed,
        features: names,
        target: 'outcome',
        sensitive: ['group'],
        expect: { a_level: 'increasing', b_ratio: 'decreasing' },
        columns: (r, n) => {
          const cols: Columns = {};
          const vals = names.map(() => Array.from({ length: n }, () => normal(r)));
          names.forEach((nm, j) => (cols[nm] = nm === 'c_count' ? vals[j].map((v) => Math.max(0, Math.round(3 + 2 * v))) : vals[j].map((v) => 50 + 10 * v)));
          cols.group = Array.from({ length: n }, () => (r() < 0.3 ? 1 : 0));
          cols.outcome = vals[0].map((v, i) => bernoulli(sigmoid(0.8 * v - 0.5 * vals[1][i]), r()));
          return cols;
        },
        model: (x) => sigmoid(0.08 * (x[0] - 50) - 0.05 * (x[1] - 50)),
      };
      const f = await strongFindings(world);
      assert.deepEqual(f, [], summarise(f));
    });
  }
});

describe('one data file (train and test are the same data set)', () => {
  it('split checks stay silent and cross-fitting does not count rows twice', async () => {
    const ctx = syntheticContext({
      n: 3000,
      features: ['record', 'x'],
      target: 'y',
      columns: (r, n) => {
        const x = Array.from({ length: n }, () => normal(r));
        return { record: Array.from({ length: n }, (_, i) => i * 7 + 3), x, y: x.map((v) => (r() < sigmoid(v) ? 1 : 0)) };
      },
      model: (row) => sigmoid(row[1]),
    });
    const single = { ...ctx, test: ctx.train, testLabels: ctx.trainLabels, testPredictions: undefined };
    const findings = await runLeakageChecks(single);
    const strong = atLeastWarning(findings);
    assert.deepEqual(strong, [], summarise(strong));
    assert.ok(!findings.some((f) => f.id === 'leak.duplicate-rows' || f.id === 'drift.feature'), summarise(findings));
  });
});
