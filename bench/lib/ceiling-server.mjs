/**
 * The ceiling of the service-node benchmark (bench/node.ts): the least a Node.js server can do and
 * still answer the benchmark's store and signed retrieve as the issue requires — nothing of a real
 * node but that work. Not a node: no validation, limits, swarm, auth rules, rate limit, metrics or
 * logs; its hash and wire shapes are simplified. It exists to show, in the same run, how high the
 * ratio to the hello-world floor can go on this machine with this generator.
 *   store:    JSON.parse, base64 and hex decode, BLAKE2b of the message, one SQLite INSERT (WAL,
 *             synchronous=FULL) in a group commit on a writer thread (one batch in flight), and a
 *             200 only after the commit, carrying an Ed25519 signature of the hash (libsodium).
 *   retrieve: JSON.parse, an Ed25519 verify of "retrieve" || timestamp on the main thread, one
 *             SELECT of the newest message on a read connection, JSON with its base64 data.
 * Plain JavaScript (no TypeScript loader), run as `node bench/lib/ceiling-server.mjs --port P
 * --data-dir D`, TLS from the KEY and CERT files in the environment; prints "ceiling listening".
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';

const require = createRequire(new URL('../../packages/node/package.json', import.meta.url));
const sodium = require('sodium-native');
const Database = require('better-sqlite3');

const arg = (name) => {
  const i = process.argv.indexOf(name);
  if (i < 0 || i + 1 >= process.argv.length) throw new Error(`missing ${name}`);
  return process.argv[i + 1];
};
const port = Number(arg('--port'));
const dbPath = join(arg('--data-dir'), 'ceiling.db');

const pk = Buffer.alloc(sodium.crypto_sign_PUBLICKEYBYTES);
const sk = Buffer.alloc(sodium.crypto_sign_SECRETKEYBYTES);
sodium.crypto_sign_keypair(pk, sk);
const pkHex = pk.toString('hex');

const SCHEMA = `
CREATE TABLE IF NOT EXISTS messages (id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE, owner BLOB NOT NULL,
  namespace INTEGER NOT NULL, timestamp INTEGER NOT NULL, expiry INTEGER NOT NULL, data BLOB NOT NULL);
CREATE INDEX IF NOT EXISTS messages_owner ON messages(owner, namespace);
CREATE INDEX IF NOT EXISTS messages_expiry ON messages(expiry);`;

const WRITER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.sqlite);
const db = new Database(workerData.dbPath);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 10000');
db.exec(workerData.schema);
const insert = db.prepare('INSERT INTO messages (hash, owner, namespace, timestamp, expiry, data) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
const commit = db.transaction((ops) => { for (const o of ops) insert.run(o.hash, o.owner, o.namespace, o.timestamp, o.expiry, o.data); });
parentPort.on('message', (m) => { commit(m.ops); parentPort.postMessage(m.id); });
parentPort.postMessage('ready');
`;

const writer = new Worker(WRITER, { eval: true, workerData: { sqlite: require.resolve('better-sqlite3'), dbPath, schema: SCHEMA } });
await new Promise((resolve) => writer.once('message', resolve));
const reader = new Database(dbPath, { readonly: true });
const newest = reader.prepare('SELECT hash, data, timestamp, expiry FROM messages WHERE owner = ? AND namespace = ? ORDER BY id DESC LIMIT 1');

let queue = [];
let inFlight = null;
let nextId = 1;
let scheduled = false;
const flush = () => {
  scheduled = false;
  if (inFlight !== null || queue.length === 0) return;
  inFlight = queue;
  queue = [];
  writer.postMessage({ id: nextId++, ops: inFlight.map((w) => w.op) });
};
writer.on('message', () => {
  const done = inFlight;
  inFlight = null;
  flush();
  for (const w of done) w.answer();
});

const json = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
};

function store(res, p) {
  const owner = Buffer.from(p.pubkey, 'hex');
  const data = Buffer.from(p.data, 'base64');
  const digest = Buffer.alloc(32);
  sodium.crypto_generichash(digest, Buffer.concat([owner, data]));
  const hash = digest.toString('base64').slice(0, 43);
  const expiry = p.timestamp + p.ttl;
  queue.push({
    op: { hash, owner, namespace: p.namespace, timestamp: p.timestamp, expiry, data },
    answer: () => {
      const signature = Buffer.alloc(sodium.crypto_sign_BYTES);
      sodium.crypto_sign_detached(signature, Buffer.from(hash), sk);
      const t = Date.now();
      json(res, 200, { hash, swarm: { [pkHex]: { hash, signature: signature.toString('base64'), expiry, t } }, t, hf: [19, 3] });
    },
  });
  if (!scheduled) {
    scheduled = true;
    setImmediate(flush);
  }
}

function retrieve(res, p) {
  const signature = Buffer.from(p.signature, 'base64');
  const message = Buffer.from(`retrieve${p.timestamp}`);
  if (signature.length !== 64 || !sodium.crypto_sign_verify_detached(signature, message, Buffer.from(p.pubkey_ed25519, 'hex'))) {
    return json(res, 401, { error: 'bad signature' });
  }
  const row = newest.get(Buffer.from(p.pubkey, 'hex'), p.namespace);
  const messages = row === undefined ? [] : [{ hash: row.hash, data: row.data.toString('base64'), timestamp: row.timestamp, expiration: row.expiry }];
  json(res, 200, { messages, more: false, t: Date.now(), hf: [19, 3] });
}

const server = createServer({ key: readFileSync(process.env.KEY), cert: readFileSync(process.env.CERT), keepAliveTimeout: 65_000 }, (req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    } catch {
      return json(res, 400, { error: 'invalid json' });
    }
    const p = body?.params;
    if (body?.method === 'store' && typeof p?.data === 'string') return store(res, p);
    if (body?.method === 'retrieve' && typeof p?.signature === 'string') return retrieve(res, p);
    return json(res, 400, { error: 'store or retrieve only' });
  });
});
server.listen(port, '127.0.0.1', () => process.stdout.write('ceiling listening\n'));
process.on('SIGTERM', () => process.exit(0));
