/**
 * Developer tool, not a test: prints the leakage findings for one fixture.
 *   node --import tsx test/unit/leakage/helpers/printFindings.ts <planted-set> | real <dataset> <model>
 * Env: EVIDENCE=1 (print evidence), EXPECT='{"feature":"increasing"}', TIME=column, IMPORTANCE=1 (reliance from the library's permutation importance).
 */
import { fixtureContext, plantedSpec, realSpec } from './fixtureContext';
import { runLeakageChecks } from '../../../../server/engine/leakage/runLeakageChecks';
import { summarise } from './summarise';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const base = args[0] === 'real' ? realSpec(args[1], args[2]) : plantedSpec(args[0]);
  const spec = { ...base, expect: process.env.EXPECT ? JSON.parse(process.env.EXPECT) : undefined, time: process.env.TIME, useImportance: process.env.IMPORTANCE === '1' };
  const t0 = Date.now();
  const { ctx, dispose } = await fixtureContext(spec);
  const findings = await runLeakageChecks(ctx);
  console.log(summarise(findings));
  if (process.env.EVIDENCE) for (const f of findings) console.log(f.id, f.feature, JSON.stringify(f.evidence));
  console.log(`${Date.now() - t0} ms`);
  await dispose();
}
void main();
