/** Hostile modeldiag.json texts: each must end in diagnostics (issues with ranges), never a throw. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { HostileCase } from './corpusTypes';

const cfg = (name: string, text: string, expect: RegExp, check?: (v: unknown) => void): HostileCase => ({
  name,
  category: 'config',
  target: 'config',
  build: (d) => {
    const path = join(d, 'modeldiag.json');
    writeFileSync(path, text);
    return path;
  },
  expect,
  check,
});

export const configCases: readonly HostileCase[] = [
  cfg('not JSON at all', 'models: [model.onnx]', /./),
  cfg('unterminated object', '{ "models": [ { "model": "m.onnx" ', /expected|end/i),
  cfg('models is a string', '{ "models": "m.onnx" }', /models/),
  cfg('model path is a number', '{ "models": [ { "model": 42, "data": "d.csv" } ] }', /model/),
  cfg('task has a wrong value', '{ "models": [ { "model": "m.onnx", "data": "d.csv", "task": "astrology" } ] }', /task|invalid/),
  cfg('unknown keys at both levels', '{ "modles": [], "models": [ { "model": "m.onnx", "data": "d.csv", "targt": "y" } ] }', /unknown property/),
  cfg('expect holds a __proto__ key', '{ "models": [ { "model": "m.onnx", "data": "d.csv", "expect": { "__proto__": { "polluted": "increasing" } } } ] }', /./, () => {
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  }),
  cfg('arrays nested 100 000 deep', `{ "models": ${'['.repeat(100_000)}${']'.repeat(100_000)} }`, /./),
  cfg('a 5 MB config (data saved under the config name) is refused unread', `{ "models": [], "rows": [${'1,'.repeat(2_600_000)}1] }`, /over the 4 MiB a config may be/),
  cfg('UTF-16 text', Buffer.from('{ "models": [] }', 'utf16le').toString('latin1'), /./),
];
