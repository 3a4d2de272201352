/** protocol/README.md documents protocol/protocol.ts and carries its hash (rust-analyzer's lsp-extensions.md check). */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import * as protocol from '../../protocol/protocol';

const root = join(__dirname, '../../protocol');

test('protocol/README.md carries the hash of protocol.ts and of checks.ts (its runtime guards)', () => {
  const h = createHash('sha256');
  for (const f of ['protocol.ts', 'checks.ts']) h.update(readFileSync(join(root, f)));
  const hash = h.digest('hex').slice(0, 16);
  const doc = readFileSync(join(root, 'README.md'), 'utf8');
  assert.ok(doc.includes(`protocol.ts + checks.ts hash: \`${hash}\``), `protocol.ts or checks.ts changed: update protocol/README.md and set its hash to ${hash}`);
});

test('every method of protocol.ts is documented', () => {
  const doc = readFileSync(join(root, 'README.md'), 'utf8');
  const methods = Object.values(protocol).flatMap((v) => (typeof v === 'object' && v !== null && 'method' in v ? [String(v.method)] : []));
  assert.ok(methods.length >= 9);
  for (const m of methods) assert.ok(doc.includes(`\`${m}\``), `${m} is not in protocol/README.md`);
});
