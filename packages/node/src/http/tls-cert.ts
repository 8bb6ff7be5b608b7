/**
 * The node's TLS certificate: self-signed RSA-2048, CN `localhost`, valid ~10,000 days, as Session
 * nodes make theirs (session-network.md §2.1; SS server_certificates.cpp). Generated once into
 * `<dataDir>/tls-key.pem` (0600) and `<dataDir>/tls-cert.pem`. Clients do not validate it; node
 * authenticity comes from signatures and onion encryption.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export const TLS_KEY_FILE = 'tls-key.pem';
export const TLS_CERT_FILE = 'tls-cert.pem';

const VALIDITY_DAYS = 10_000;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface TlsMaterial {
  readonly key: string;
  readonly cert: string;
}

function writeAtomic(path: string, text: string, mode: number): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode });
  renameSync(tmp, path);
}

/** Loads the key and certificate from `dataDir`, generating them on first use. */
export async function loadOrCreateTlsMaterial(dataDir: string, now: number = Date.now()): Promise<TlsMaterial> {
  const keyPath = join(dataDir, TLS_KEY_FILE);
  const certPath = join(dataDir, TLS_CERT_FILE);
  if (existsSync(keyPath) && existsSync(certPath)) {
    return { key: readFileSync(keyPath, 'utf8'), cert: readFileSync(certPath, 'utf8') };
  }
  const notBeforeDate = new Date(now - DAY_MS);
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate: new Date(notBeforeDate.getTime() + VALIDITY_DAYS * DAY_MS),
  });
  writeAtomic(keyPath, pems.private, 0o600);
  writeAtomic(certPath, pems.cert, 0o644);
  return { key: pems.private, cert: pems.cert };
}
