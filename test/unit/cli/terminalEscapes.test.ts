/**
 * Data-derived text reaches the terminal without its control characters: a CSV column named
 * "\x1b[2J" (clear screen) with a BEL, in an error the CLI prints to stderr and in the text
 * report on stdout. Built CLI (npm run build).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { terminalMessage, terminalSafe } from '../../../server/cli/formatters/escape';
import { REPO } from '../../helpers/fixtures';
import { baseModel, writeModel } from '../hostile/baseModels';

const CLI = join(REPO, 'dist', 'cli.js');
const skip = !existsSync(CLI) && 'run npm run build first';
const HOSTILE = 'evil\x1b[2J\x07col';
/** ESC, BEL, CSI (C1), CR, BS, DEL: none may reach the terminal. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

function run(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** The two-feature base model and a CSV whose header names the hostile column twice. */
function folder(): { dir: string; model: string; data: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cli-escapes-'));
  const model = writeModel(dir, 'model.onnx', baseModel());
  const data = join(dir, 'data.csv');
  writeFileSync(data, `a,b,"${HOSTILE}","${HOSTILE}",target\n0.1,0.2,1,1,0\n0.3,0.4,1,1,1\n`);
  return { dir, model, data };
}

test('terminalMessage writes control characters visibly and keeps line feeds and tabs', () => {
  assert.equal(terminalMessage(`column "${HOSTILE}"\n\tnext\r\u009b31m\u007f`), 'column "evil\\x1b[2J\\x07col"\n\tnext\\x0d\\x9b31m\\x7f');
});

test('bidirectional overrides and isolates (Trojan Source) are written visibly, or replaced in one-line values', () => {
  assert.equal(terminalMessage('col\u202eabc\u2066x\u2069\u200f'), 'col\\u202eabc\\u2066x\\u2069\\u200f');
  assert.equal(terminalSafe('a\u202eb\u2067c'), 'a\ufffdb\ufffdc');
  assert.equal(terminalSafe('naïve, 東京, עברית'), 'naïve, 東京, עברית', 'ordinary non-ASCII text is untouched');
});

test('explain: an error naming a hostile column reaches stderr escaped', { skip }, () => {
  const { model, data } = folder();
  const r = run(['explain', '--model', model, '--data', data, '--rows', '0', '--format', 'json']);
  assert.equal(r.code, 2, r.stderr);
  assert.doesNotMatch(r.stderr, CONTROL);
  assert.ok(r.stderr.includes('evil\\x1b[2J\\x07col'), `the column is named visibly: ${r.stderr}`);
});

test('check: the error lines on stderr and the text report on stdout carry no control characters', { skip }, () => {
  const { dir } = folder();
  writeFileSync(join(dir, 'modeldiag.json'), JSON.stringify({ models: [{ model: 'model.onnx', data: 'data.csv', target: 'target' }] }));
  const r = run(['check', dir, '--format', 'text']);
  assert.equal(r.code, 2, r.stderr);
  assert.match(r.stderr, /appears twice/);
  assert.doesNotMatch(r.stderr, CONTROL);
  assert.doesNotMatch(r.stdout, CONTROL);
});
