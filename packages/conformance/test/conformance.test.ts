import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../..');
const SHARED = resolve(ROOT, '../shared/vectors/conformance.json');

function runner(...files: string[]): { code: number | null; lines: string[] } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'packages/conformance/src/main.ts', ...files], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return { code: r.status, lines: r.stdout.trim().split('\n') };
}

function writeTemp(doc: unknown): string {
  const path = join(mkdtempSync(join(tmpdir(), 'hush-conf-')), 'v.json');
  writeFileSync(path, JSON.stringify(doc));
  return path;
}

test('every shared conformance vector passes, none skipped', () => {
  const doc = JSON.parse(readFileSync(SHARED, 'utf8')) as { vectors: unknown[] };
  const { code, lines } = runner(SHARED);
  assert.equal(lines.at(-1), `${doc.vectors.length} passed, 0 failed, 0 skipped`);
  assert.equal(code, 0);
  assert.equal(lines.filter((l) => l.startsWith('PASS ')).length, doc.vectors.length);
});

test('a wrong expected value is reported as FAIL naming the field, and the exit status is 1', () => {
  const doc = JSON.parse(readFileSync(SHARED, 'utf8')) as { vectors: { kind: string; expect: Record<string, string> }[] };
  const v = doc.vectors.find((x) => x.kind === 'session_id_from_seed');
  assert.ok(v);
  const bad = { ...v, name: 'tampered', expect: { ...v.expect, session_id: `05${'00'.repeat(32)}` } };
  const { code, lines } = runner(writeTemp({ format: 'conformance/1', kinds: [], vectors: [bad] }));
  assert.match(lines[0] ?? '', /^FAIL tampered: session_id expected "05(00){32}" got "05[0-9a-f]{64}"$/);
  assert.equal(lines.at(-1), '0 passed, 1 failed, 0 skipped');
  assert.equal(code, 1);
});

test('an unknown kind is skipped, never passed', () => {
  const vec = { name: 'future', kind: 'quantum_teleport', input: {}, expect: { x: 1 } };
  const { code, lines } = runner(writeTemp({ format: 'conformance/1', kinds: [], vectors: [vec] }));
  assert.deepEqual(lines, ['SKIP future: unknown kind quantum_teleport', '0 passed, 0 failed, 1 skipped']);
  assert.equal(code, 0);
});

test('an input that core rejects is a FAIL with the error code, not a crash', () => {
  const vec = { name: 'short-seed', kind: 'session_id_from_seed', input: { seed: 'abcd' }, expect: { session_id: 'x' } };
  const { code, lines } = runner(writeTemp({ format: 'conformance/1', kinds: [], vectors: [vec] }));
  assert.match(lines[0] ?? '', /^FAIL short-seed: error HUSH_ERR_BAD_SEED: /);
  assert.equal(code, 1);
});

test('a file that is not conformance/1 is refused with exit status 2', () => {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'packages/conformance/src/main.ts', writeTemp({ format: 'x' })], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /format must be "conformance\/1"/);
});
