/**
 * The hostile-input corpus (issue 8), in-process: every case ends in a clear error (an
 * InputError naming the file, with line and column where the case says so; a tree parser
 * reason; config issues) or loads as stated, within the time and heap bounds, with no
 * unhandled rejection, and without opening any file outside its own folder.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { corpus } from './corpus';
import { caseFolder, HEAP_BOUND_MB, InputError, isInside, runCase, TIME_BOUND_MS, TreeReason } from './runCase';

const unhandled: unknown[] = [];
const onUnhandled = (e: unknown): void => void unhandled.push(e);
const measured: { name: string; ms: number; heapMb: number }[] = [];

before(() => process.on('unhandledRejection', onUnhandled));
after(() => {
  process.off('unhandledRejection', onUnhandled);
  const slowest = [...measured].sort((a, b) => b.ms - a.ms)[0];
  const hungriest = [...measured].sort((a, b) => b.heapMb - a.heapMb)[0];
  console.log(`hostile corpus: ${measured.length} cases; slowest ${slowest?.name} ${slowest?.ms.toFixed(0)} ms; largest heap growth ${hungriest?.name} ${hungriest?.heapMb.toFixed(0)} MB`);
  assert.deepEqual(unhandled, [], 'no unhandled rejections');
});

test('the corpus holds at least 60 hostile cases', () => {
  const counts: Record<string, number> = {};
  for (const c of corpus) counts[c.category] = (counts[c.category] ?? 0) + 1;
  console.log('hostile cases by category:', JSON.stringify(counts));
  assert.ok(corpus.length >= 60, `${corpus.length} cases`);
  assert.equal(new Set(corpus.map((c) => `${c.category}/${c.name}`)).size, corpus.length, 'case names are unique');
});

corpus.forEach((c, index) => {
  test(`${c.category}: ${c.name}`, async () => {
    const dir = caseFolder(index);
    const out = await runCase(c, dir);
    measured.push({ name: `${c.category}: ${c.name}`, ms: out.ms, heapMb: out.heapMb });
    assert.ok(out.ms < TIME_BOUND_MS, `took ${out.ms.toFixed(0)} ms (bound ${TIME_BOUND_MS})`);
    assert.ok(out.heapMb < HEAP_BOUND_MB, `heap grew ${out.heapMb.toFixed(0)} MB (bound ${HEAP_BOUND_MB})`);
    for (const p of out.opened) assert.ok(isInside(dir, p), `opened ${p}, outside the case folder ${dir}`);
    if (c.expect === 'ok') {
      assert.ok(out.ok, `expected a successful load, got: ${out.message}`);
      c.check?.(out.value);
      return;
    }
    assert.ok(!out.ok, 'expected an error, the input loaded');
    if (c.target === 'tree' || c.target === 'config') {
      assert.ok(out.error instanceof TreeReason, `expected a reason, got ${out.error instanceof Error ? out.error.stack : String(out.error)}`);
    } else {
      assert.ok(out.error instanceof InputError, `expected an InputError, got ${out.error instanceof Error ? out.error.stack : String(out.error)}`);
      assert.ok(out.error.file.length > 0 && out.message!.startsWith(out.error.file), 'the message starts with the file');
      if (c.line !== undefined) assert.equal(out.error.line, c.line, `line in: ${out.message}`);
      if (c.column !== undefined) assert.equal(out.error.column, c.column, `column in: ${out.message}`);
    }
    assert.match(out.message!, c.expect);
    c.check?.(out.error);
  });
});
