/**
 * What the service-node benchmarks and profiling aids send, and how: the hello-world HTTPS floor (a
 * script run with `node --input-type=module -e`, env KEY, CERT, PORT; prints "hello listening"),
 * the request bodies of one bench account — a fresh 1 KB store each time, a signed retrieve
 * re-signed every 20 s — the generator's connections (one keep-alive socket per agent, each from its
 * own 127.0.0.x) and its POST, plus per-thread CPU ticks of a process from /proc.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { edPkToCurve, retrieveSignedString, signDetached, signSeedKeypair, toBase64, toHex } from '@hush/core';

export const HELLO_SERVER = `
import { createServer } from 'node:https';
import { readFileSync } from 'node:fs';
const s = createServer({ key: readFileSync(process.env.KEY), cert: readFileSync(process.env.CERT), keepAliveTimeout: 65000 }, (req, res) => {
  req.resume();
  req.on('end', () => { res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': 5 }); res.end('hello'); });
});
s.listen(Number(process.env.PORT), '127.0.0.1', () => process.stdout.write('hello listening\\n'));
process.on('SIGTERM', () => process.exit(0));
`;
export const HELLO_READY = /hello listening/;

export const benchUser = signSeedKeypair(new Uint8Array(32).fill(0x77));
export const benchSessionId = '05' + toHex(edPkToCurve(benchUser.publicKey));

let counter = 0;
/** A store of a new 1 KB message (namespace 0) every call. */
export function storeBody(): Buffer {
  const data = Buffer.alloc(1024, 0x61);
  data.writeUInt32BE(counter++, 0);
  return Buffer.from(JSON.stringify({ method: 'store', params: { pubkey: benchSessionId, namespace: 0, timestamp: Date.now(), ttl: 3_600_000, data: data.toString('base64') } }));
}

/** Signed retrieves of one message, the same body until it is 20 s old (well inside the ±60 s window). */
export function retrieveBodyFactory(): () => Buffer {
  let built = 0;
  let body = Buffer.alloc(0);
  return () => {
    const now = Date.now();
    if (now - built > 20_000) {
      const signature = toBase64(signDetached(retrieveSignedString({ namespace: 0, timestamp: now }), benchUser.secretKey));
      body = Buffer.from(JSON.stringify({ method: 'retrieve', params: { pubkey: benchSessionId, pubkey_ed25519: toHex(benchUser.publicKey), namespace: 0, timestamp: now, signature, max_count: 1 } }));
      built = now;
    }
    return body;
  };
}

export const helloBody = (): Buffer => Buffer.from('{"method":"info","params":{}}');

/** CPU ticks (user + system, USER_HZ) of each thread of `pid`, keyed `name#tid`. */
export function threadTicks(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const s = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const comm = s.slice(s.indexOf('(') + 1, s.lastIndexOf(')'));
      const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
      out.set(`${comm}#${tid}`, Number(f[11]) + Number(f[12]));
    } catch {
      /* thread gone */
    }
  }
  return out;
}

/** `n` keep-alive agents of one socket each, from 127.0.0.2, 127.0.0.3, … (the node rate-limits per IP). */
export function loadAgents(n: number): Agent[] {
  return Array.from({ length: n }, (_, i) => new Agent({ keepAlive: true, maxSockets: 1, rejectUnauthorized: false, localAddress: `127.0.0.${2 + i}` }));
}

/** One storage RPC over `agent`; resolves with the HTTP status (0 on a connection error), never rejects. */
export function postRpc(agent: Agent, port: number, body: Buffer): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/storage_rpc/v1', method: 'POST', agent, headers: { 'content-length': String(body.length) } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', () => resolve(0));
    });
    req.on('error', () => resolve(0));
    req.end(body);
  });
}
