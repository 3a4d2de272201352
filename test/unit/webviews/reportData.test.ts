import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { WireCheckReport } from '../../../protocol/protocol';
import { attributionOf, calibrationOf, shapesOf, sliceLabel, slicesOf } from '../../../webviews/shared/reportModel';
import { beeswarmPoints, colourPositions, importanceBars, methodRanks } from '../../../webviews/report/data/attributionData';
import { reliabilityPoints } from '../../../webviews/report/data/calibrationData';
import { iceBand, shapePanels, thresholdMarkers } from '../../../webviews/report/data/shapeData';
import { ciMax, sliceRows } from '../../../webviews/report/data/sliceData';
import { evidenceEntries, groupFindings } from '../../../webviews/report/data/findingData';
import { selectModel } from '../../../webviews/report/selectModel';
import { asCheckReport, EXPORT_FORMATS, exportReport } from '../../../extension/commands/exportFormats';
import { examplesReport, model, NO_CLI } from './realReport';

describe('report webview data and Export Report… from the CLI report on examples/', { skip: NO_CLI }, () => {
  let report: WireCheckReport;
  before(() => {
    report = examplesReport();
  });

  test('importance bars: most important first, every CI holds its value', () => {
    const a = attributionOf(model(report, 'credit-default'));
    assert.ok(a, 'credit-default has an attribution');
    const bars = importanceBars(a.global);
    assert.equal(bars.labels[0], 'collections_flag');
    assert.deepEqual([...bars.labels].sort(), [...model(report, 'credit-default').features].sort());
    for (let i = 1; i < bars.values.length; i++) assert.ok(bars.values[i - 1] >= bars.values[i]);
    bars.intervals.forEach((iv, i) => iv && assert.ok(iv[0] <= bars.values[i] && bars.values[i] <= iv[1], `${bars.labels[i]} outside its CI`));
    assert.ok(ciMax(bars.intervals, bars.values) >= Math.max(...bars.values));
  });

  test('beeswarm: one row per feature in importance order, points stay in their row, binary values at the ends of the colour scale', () => {
    const a = attributionOf(model(report, 'credit-default'));
    assert.ok(a?.beeswarm);
    const order = importanceBars(a.global).labels;
    const { features, points } = beeswarmPoints(a.beeswarm, order);
    assert.deepEqual(features, order);
    points.forEach((row, fi) => {
      assert.equal(row.length, a.beeswarm?.values.length);
      for (const p of row) assert.ok(Math.abs(p.y - fi) <= 0.4 + 1e-9, `${features[fi]}: y ${p.y}`);
    });
    const j = a.beeswarm.features.indexOf('collections_flag');
    const flag = points[0];
    flag.forEach((p, r) => assert.equal(p.x, a.beeswarm?.values[r][j]));
    for (const p of flag) assert.equal(p.t, p.value === 1 ? 1 : 0);
    assert.deepEqual(colourPositions([null, 5, 5]), [null, 0.5, 0.5]);
  });

  test('method ranks: each method ranks every feature once', () => {
    const a = attributionOf(model(report, 'credit-default'));
    assert.ok(a);
    const { methods, rows } = methodRanks(a);
    assert.ok(methods.some((m) => m.startsWith('permutation')));
    const d = a.global.length;
    assert.deepEqual(rows.map((r) => r.rank), Array.from({ length: d }, (_, i) => i + 1));
    for (const m of methods) assert.deepEqual(rows.map((r) => r.others[m]).sort((x, y) => (x ?? 0) - (y ?? 0)), Array.from({ length: d }, (_, i) => i + 1));
  });

  test('reliability points: one per non-empty bin, larger bins drawn larger', () => {
    const bins = calibrationOf(model(report, 'credit-default')).test;
    assert.ok(bins?.length);
    const pts = reliabilityPoints(bins);
    assert.equal(pts.length, bins.filter((b) => b.count > 0).length);
    const byCount = [...pts].sort((a, b) => a.count - b.count);
    for (let i = 1; i < byCount.length; i++) assert.ok(byCount[i].r >= byCount[i - 1].r);
    for (const p of pts) assert.ok(p.x >= 0 && p.x <= 1 && p.y >= 0 && p.y <= 1);
  });

  test('shape panels: PDP and ALE per feature; ICE bands nest and lie within the ICE lines', () => {
    const m = model(report, 'credit-default');
    const panels = shapePanels(shapesOf(m));
    assert.ok(panels.length >= 2);
    for (const p of panels) {
      assert.ok(p.pdp && p.ale, `${p.feature} has both curves`);
      const ice = p.pdp.ice ?? [];
      if (!ice.length) continue;
      const outer = iceBand(ice, 0.1, p.pdp.grid.length);
      const inner = iceBand(ice, 0.25, p.pdp.grid.length);
      for (let j = 0; j < p.pdp.grid.length; j++) {
        const col = ice.map((l) => l[j]);
        assert.ok(Math.min(...col) <= outer.lower[j] + 1e-12 && outer.lower[j] <= inner.lower[j] + 1e-12 && inner.lower[j] <= inner.upper[j] + 1e-12);
        assert.ok(inner.upper[j] <= outer.upper[j] + 1e-12 && outer.upper[j] <= Math.max(...col) + 1e-12);
      }
    }
  });

  test('categorical shape panels carry display labels; ALE grid values are among them', () => {
    const panels = shapePanels(shapesOf(model(report, 'churn')));
    const region = panels.find((p) => p.feature === 'region');
    assert.ok(region?.labels?.length, 'region is categorical with labels');
    for (const g of region.ale?.grid ?? []) assert.ok(region.labels.includes(String(g)), `ALE grid value ${String(g)} is a label`);
  });

  test('threshold markers: the round numbers goodhart.threshold names', () => {
    const credit = model(report, 'credit-default');
    const named = credit.findings.filter((f) => f.id === 'goodhart.threshold');
    assert.ok(named.length > 0);
    for (const f of named) assert.deepEqual(thresholdMarkers(credit.findings, f.feature ?? '').map((x) => x.value), [f.evidence.threshold]);
    assert.deepEqual(thresholdMarkers(credit.findings, 'no_such_feature'), []);
  });

  test('slice rows: labels read like the engine’s jagged.slice labels; values against the baseline', () => {
    const m = model(report, 'credit-default');
    const rows = sliceRows(slicesOf(m));
    assert.ok(rows.length > 0);
    const labels = new Set(m.findings.filter((f) => f.id === 'jagged.slice').map((f) => f.evidence.label));
    for (const r of rows) {
      assert.ok(labels.has(r.label), `slice label "${r.label}" matches a jagged.slice finding`);
      if (r.ci) assert.ok(r.ci[0] <= r.value && r.value <= r.ci[1]);
      assert.ok(r.size > 0);
    }
    assert.equal(sliceLabel([{ feature: 'x', op: 'in', value: [1, 2] }, { feature: 'y', op: '>=', value: 3 }]), '1 ≤ x < 2 AND y ≥ 3');
  });

  test('finding groups: worst severity first, jagged.slice left to the Slices section, evidence numbers kept', () => {
    const m = model(report, 'credit-default');
    const groups = groupFindings(m.findings, ['jagged.slice']);
    assert.equal(groups[0].id, 'leak.target');
    assert.equal(groups[0].worst, 'error');
    assert.ok(!groups.some((g) => g.id === 'jagged.slice'));
    const ev = evidenceEntries(groups[0].findings[0].evidence);
    assert.ok(ev.some(([k, v]) => k === 'auc' && typeof v === 'number'));
  });

  test('selectModel: by name, by file (URI or relative path), else the first model', () => {
    const credit = model(report, 'credit-default');
    assert.equal(selectModel(report, 'credit-default')?.name, 'credit-default');
    assert.equal(selectModel(report, `file://${report.root}/${credit.model}`)?.name, 'credit-default');
    assert.equal(selectModel(report, credit.model)?.name, 'credit-default');
    assert.equal(selectModel(report, 'nope')?.name, report.models[0].name);
  });

  test('every format the quick pick offers produces its document', () => {
    assert.deepEqual(EXPORT_FORMATS.map((f) => f.format), ['html', 'markdown', 'json', 'sarif']);
    const html = exportReport(report, 'html', '9.9.9');
    assert.match(html, /^<!DOCTYPE html>/);
    assert.ok(!/<script|https?:\/\/[^"]*\.(js|css)/.test(html), 'self-contained: no scripts, no remote assets');
    for (const m of report.models) assert.ok(html.includes(m.name));
    assert.match(exportReport(report, 'markdown', '9.9.9'), /^# Model Diagnostics report/);
    const json = JSON.parse(exportReport(report, 'json', '9.9.9')) as WireCheckReport;
    assert.deepEqual(json.models.map((m) => m.name), report.models.map((m) => m.name));
    const sarif = JSON.parse(exportReport(report, 'sarif', '9.9.9')) as { version: string; runs: { tool: { driver: { version: string } }; results: unknown[] }[] };
    assert.equal(sarif.version, '2.1.0');
    assert.equal(sarif.runs[0].tool.driver.version, '9.9.9');
    assert.equal(sarif.runs[0].results.length, report.findings.length + report.models.reduce((n, m) => n + m.findings.length, 0));
  });

  test('EXPECTED FAILURE: a report without the check shape is refused with what is missing', () => {
    assert.throws(() => asCheckReport({ version: '1', root: '/x', findings: [] } as unknown as WireCheckReport), (e: unknown) => e instanceof TypeError && /models\[\]/.test(e.message));
  });
});
