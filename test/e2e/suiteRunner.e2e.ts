// Proves the code-server runner of extension-host suites (test/vscode/codeServerRunner.ts) with
// the probe extension and a probe suite: results, output and environment come back, and a
// failing test fails the run.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runSuiteInCodeServer } from '../vscode/codeServerRunner';
import { writeProbeExtension, writeProbeSuite } from './harness/probeExtension';
import { repoRoot } from './harness/tools';

describe('extension-host suite inside code-server (payload URL)', () => {
  const probe = writeProbeExtension();
  const suite = writeProbeSuite(probe.extensionDir, join(repoRoot, 'node_modules', 'mocha'));
  let keep = false;
  after(() => {
    if (!keep) rmSync(dirname(probe.extensionDir), { recursive: true, force: true });
  });

  const run = (name: string, env: Record<string, string>, keepOnFailure = true) =>
    runSuiteInCodeServer({
      name,
      extensionDevelopmentPath: probe.extensionDir,
      extensionTestsPath: suite,
      workspace: probe.workspaceDir,
      env,
      onOutput: () => undefined,
      keepOnFailure,
    });

  it('passes, with the reporter output and timings', async () => {
    const r = await run('suite-pass', {});
    keep ||= r.exitCode !== 0;
    console.log(`[e2e] suite runner: code-server ${(r.codeServerMs / 1000).toFixed(2)} s, workbench to exit ${(r.suiteMs / 1000).toFixed(2)} s`);
    assert.equal(r.exitCode, 0, r.output.join('\n'));
    assert.ok(r.output.some((l) => /4 passing/.test(l)), r.output.join('\n'));
  });

  it('fails when a test fails (environment reaches the extension host)', async () => {
    const r = await run('suite-fail', { MD_PROBE_FAIL: '1' }, false);
    assert.notEqual(r.exitCode, 0);
    assert.ok(r.output.some((l) => /3 passing/.test(l)), r.output.join('\n'));
    assert.ok(r.output.some((l) => /MD_PROBE_FAIL=1 arrived/.test(l)), r.output.join('\n'));
  });
});
