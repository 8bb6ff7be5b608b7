/**
 * Configuration, identity and certificate files: flags and config files are checked with errors
 * naming the setting; the identity is created once with mode 0600 and reloaded unchanged; the
 * TLS certificate is generated once and reused.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { isHushError } from '@hush/core';
import { loadConfig } from '../src/config.ts';
import { IDENTITY_FILE, loadOrCreateIdentity } from '../src/identity.ts';
import { loadOrCreateTlsMaterial, TLS_KEY_FILE } from '../src/http/tls-cert.ts';
import { staticViewFromJson } from '../src/swarm/static-nodes.ts';
import { cleanupTmp, tmpDir } from './helpers.ts';

after(() => cleanupTmp());

function configError(argv: string[]): string {
  try {
    loadConfig(argv);
  } catch (err) {
    assert.ok(isHushError(err, 'HUSH_ERR_BAD_CONFIG'), String(err));
    return err.message;
  }
  assert.fail('expected a configuration error');
}

describe('config', () => {
  it('flags override the config file; defaults fill the rest', () => {
    const dir = tmpDir();
    const file = join(dir, 'node.json');
    writeFileSync(file, JSON.stringify({ dataDir: 'data', port: 1234, registry: 'http://127.0.0.1:9000', rateLimitBucket: 10 }));
    const c = loadConfig(['--config', file, '--port', '4321', '--log-level', 'debug']);
    assert.equal(c.dataDir, join(dir, 'data'), 'paths in a config file are relative to it');
    assert.equal(c.port, 4321);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.registry, 'http://127.0.0.1:9000');
    assert.equal(c.rateLimitBucket, 10);
    assert.equal(c.logLevel, 'debug');
  });

  it('errors name the setting', () => {
    assert.match(configError(['--port', '9']), /dataDir: required/);
    assert.match(configError(['--data-dir', 'd', '--port', '70000']), /flags: port: expected an integer in 0\.\.65535/);
    assert.match(configError(['--data-dir', 'd', '--colour', 'blue']), /--colour: unknown flag/);
    assert.match(configError(['--data-dir', 'd', '--registry', 'ftp://x']), /registry: expected an http\(s\) URL/);
    assert.match(configError(['--data-dir', 'd', '--registry', 'http://a', '--devnet', 'x.json']), /either registry or devnet/);
    assert.match(configError(['--data-dir']), /--data-dir: missing value/);
    const file = join(tmpDir(), 'bad.json');
    writeFileSync(file, JSON.stringify({ dataDir: 'd', speed: 'fast' }));
    assert.match(configError(['--config', file]), /speed: unknown setting/);
  });
});

describe('identity and certificate', () => {
  it('the identity is created once, mode 0600, and reloaded unchanged', () => {
    const dir = tmpDir();
    const first = loadOrCreateIdentity(dir);
    assert.equal(first.created, true);
    assert.equal(statSync(join(dir, IDENTITY_FILE)).mode & 0o777, 0o600);
    const again = loadOrCreateIdentity(dir);
    assert.equal(again.created, false);
    assert.equal(again.identity.ed25519Hex, first.identity.ed25519Hex);
    assert.equal(again.identity.x25519Hex, first.identity.x25519Hex);
  });

  it('a corrupt identity file is an error naming the file, not a new identity', () => {
    const dir = tmpDir();
    writeFileSync(join(dir, IDENTITY_FILE), '{"ed25519_seed":"zz"}', { mode: 0o600 });
    assert.throws(() => loadOrCreateIdentity(dir), (e: unknown) => isHushError(e) && e.message.includes(IDENTITY_FILE));
  });

  it('the certificate is self-signed for localhost, kept (key 0600) and reused', async () => {
    const dir = tmpDir();
    const a = await loadOrCreateTlsMaterial(dir);
    const cert = new X509Certificate(a.cert);
    assert.match(cert.subject, /CN=localhost/);
    assert.equal(cert.issuer, cert.subject);
    assert.ok(new Date(cert.validTo).getTime() - Date.now() > 9000 * 86_400_000);
    assert.equal(statSync(join(dir, TLS_KEY_FILE)).mode & 0o777, 0o600);
    const b = await loadOrCreateTlsMaterial(dir);
    assert.equal(b.cert, a.cert);
  });
});

describe('static node lists', () => {
  it('a devnet.json with a malformed entry is refused naming the file', () => {
    const good = { pubkey_ed25519: 'aa'.repeat(32), pubkey_x25519: 'bb'.repeat(32), ip: '127.0.0.1', port: 1000, swarm_id: '0000000000000000' };
    const view = staticViewFromJson(JSON.stringify({ nodes: [good] }), 'devnet.json');
    assert.deepEqual(view.swarmIds, [0n]);
    assert.throws(() => staticViewFromJson(JSON.stringify({ nodes: [good, { ...good, port: 'x' }] }), 'devnet.json'), /devnet\.json: 1 malformed node entry/);
    assert.throws(() => staticViewFromJson('[', 'devnet.json'), /devnet\.json: not valid JSON/);
  });
});
