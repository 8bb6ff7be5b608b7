/**
 * /api/events: the WebSocket the app listens on. Upgrades need the right Host and Origin and the
 * access token (`?token=`); each socket first gets `hello` (the app then reloads its state over
 * REST, so nothing missed while it was away is lost), then every event as JSON `{type, data}`.
 * Dead sockets are found with pings; a socket too slow to keep up is closed (it reconnects).
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer } from 'ws';
import { HushError } from '@hush/core';
import { checkAccessToken } from './access-token.ts';
import type { DaemonHello } from './api-types.ts';
import type { DaemonEvent } from './client-events.ts';
import { errorReply } from './error-status.ts';
import { checkHost, checkOrigin } from './host-check.ts';

export const EVENTS_PATH = '/api/events';

export interface WsHubOptions {
  readonly token: string;
  readonly allowedHosts: ReadonlySet<string>;
  readonly hello: () => DaemonHello;
  readonly maxSockets: number;
  readonly maxFrameBytes: number;
  readonly maxBufferBytes: number;
  readonly pingIntervalMs: number;
}

export interface WsHub {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  broadcast(event: DaemonEvent): void;
  /** Sockets open now. */
  size(): number;
  close(): void;
}

/** Refuses an upgrade with a JSON error, as the REST API would answer. */
function refuse(socket: Duplex, err: unknown): void {
  const { status, body } = errorReply(err);
  const text = JSON.stringify(body);
  socket.end(
    `HTTP/1.1 ${status} Refused\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\nConnection: close\r\n\r\n${text}`,
  );
}

function checkUpgrade(req: IncomingMessage, o: WsHubOptions, open: number): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  checkHost(req, o.allowedHosts);
  if (url.pathname !== EVENTS_PATH) throw new HushError('HUSH_ERR_NOT_FOUND', `no WebSocket at ${url.pathname.slice(0, 100)}`, { details: { field: 'path' } });
  checkOrigin(req, o.allowedHosts);
  checkAccessToken(req, url, o.token, true);
  if (open >= o.maxSockets) throw new HushError('HUSH_ERR_NOT_READY', `too many open windows (${open}); close some Hush tabs`, { details: { field: 'sockets' } });
}

/** Closes sockets that did not answer the last ping, and pings the others. */
function keepAliveRound(wss: WebSocketServer, alive: WeakSet<WebSocket>): void {
  for (const ws of wss.clients) {
    if (!alive.has(ws)) {
      ws.terminate();
      continue;
    }
    alive.delete(ws);
    ws.ping();
  }
}

export function createWsHub(o: WsHubOptions): WsHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: o.maxFrameBytes, perMessageDeflate: false });
  const alive = new WeakSet<WebSocket>();
  const pinger = setInterval(() => keepAliveRound(wss, alive), o.pingIntervalMs);
  pinger.unref();

  wss.on('connection', (ws) => {
    alive.add(ws);
    ws.on('pong', () => alive.add(ws));
    ws.on('message', () => undefined); // the app sends nothing we act on
    ws.on('error', () => ws.terminate());
    ws.send(JSON.stringify({ type: 'hello', data: o.hello() }));
  });

  return {
    handleUpgrade(req, socket, head) {
      try {
        checkUpgrade(req, o, wss.clients.size);
      } catch (err) {
        refuse(socket, err);
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    broadcast(event) {
      const frame = JSON.stringify(event);
      for (const ws of wss.clients) {
        if (ws.readyState !== WebSocket.OPEN) continue;
        if (ws.bufferedAmount > o.maxBufferBytes) ws.terminate();
        else ws.send(frame);
      }
    },
    size: () => wss.clients.size,
    close() {
      clearInterval(pinger);
      for (const ws of wss.clients) ws.terminate();
      wss.close();
    },
  };
}
