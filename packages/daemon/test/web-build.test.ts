/**
 * The web build the daemon makes on start: built when dist/ is missing, left alone while it is
 * current, built again once a source is newer; never a half-written dist/.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureWebBuild } from '../src/index.ts';

const webDir = mkdtempSync(join(tmpdir(), 'hush-web-build-'));
after(() => rmSync(webDir, { recursive: true, force: true }));

function writeApp(message: string): void {
  mkdirSync(join(webDir, 'src'), { recursive: true });
  writeFileSync(join(webDir, 'vite.config.ts'), 'export default { logLevel: "silent" };\n');
  writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>t</title><script type="module" src="/src/main.js"></script>\n');
  writeFileSync(join(webDir, 'src', 'main.js'), `document.title = ${JSON.stringify(message)};\n`);
}

function builtScript(): string {
  const assets = join(webDir, 'dist', 'assets');
  return readdirSync(assets).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
}

test('built when missing, kept while current, rebuilt when a source changes', async () => {
  writeApp('first version');
  const first = await ensureWebBuild({ webDir });
  assert.deepEqual(first, { distDir: join(webDir, 'dist'), built: true });
  assert.match(builtScript(), /first version/);

  assert.equal((await ensureWebBuild({ webDir })).built, false);

  writeApp('second version');
  const later = new Date(Date.now() + 5_000);
  utimesSync(join(webDir, 'src', 'main.js'), later, later);
  assert.equal((await ensureWebBuild({ webDir })).built, true);
  assert.match(builtScript(), /second version/);
  assert.deepEqual(readdirSync(webDir).filter((f) => f.startsWith('.dist') || f.startsWith('dist.')), [], 'no leftover build directories');
});
