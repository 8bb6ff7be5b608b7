/**
 * Sending onion requests with failure handling (§7.6): each attempt takes a good path that avoids
 * the destination, builds the request with fresh randomness, POSTs it to the guard's
 * `/onion_req/v2` and reads the reply. A path failure is counted against the path and nodes to
 * blame, and the request is retried on another path (at most `maxAttempts` attempts, waiting
 * min(max, 100 ms · 2^n) between them) unless another path cannot help.
 */
import { HushError, type BuiltOnionRequest, type OnionEncType } from '@hush/core';
import type { ClientLimits } from '../limits.ts';
import { nodeEndpoint } from '../node-pool/service-node.ts';
import type { Clock } from '../runtime/clock.ts';
import { elapsedClock, throwIfAborted } from '../runtime/clock.ts';
import type { ClientLogger } from '../runtime/logger.ts';
import type { Random } from '../runtime/random.ts';
import type { Transport } from '../transport/transport.ts';
import { buildClientRequest } from './build-client-request.ts';
import { createLayerKeyPool } from './layer-key-pool.ts';
import { classifyPathStatus, classifyTransportError } from './classify-path-error.ts';
import type { OnionPath } from './onion-path.ts';
import type { ServiceNode } from '../node-pool/service-node.ts';
import type { OnionServer, OnionTarget } from './onion-target.ts';
import { decodeNodeReply, decodeServerReply, type NodeReply, type ServerReply } from './onion-replies.ts';
import type { PathManager } from './path-manager.ts';
import { badResponseError, type Blame, type PathFailure } from './path-failure.ts';
import { retryDelayMs } from './retry-delay.ts';

export type SenderLimits = Pick<ClientLimits, 'maxAttempts' | 'baseRetryDelayMs' | 'maxRetryDelayMs' | 'onionTimeoutMs' | 'maxResponseBytes' | 'maxReasonChars'>;

export interface OnionSenderOptions {
  readonly transport: Transport;
  readonly random: Random;
  readonly clock: Clock;
  readonly logger: ClientLogger;
  readonly paths: PathManager;
  readonly limits: SenderLimits;
  readonly encType: OnionEncType;
  /** Told the round trip of each successful attempt (not of long waits: see SendOptions.untimed). */
  readonly onRoundTrip?: (path: OnionPath, ms: number) => void;
}

export interface SendOptions {
  readonly signal?: AbortSignal;
  /** One attempt's round trip (default `onionTimeoutMs`). */
  readonly timeoutMs?: number;
  /** The destination may hold the reply on purpose (a long-poll): keep it out of path latency figures. */
  readonly untimed?: boolean;
}

export type ReplyDecoder<T> = (body: Uint8Array, built: BuiltOnionRequest) => T;

export interface OnionSender {
  send<T>(target: OnionTarget, payload: Uint8Array, decode: ReplyDecoder<T>, options?: SendOptions): Promise<T>;
}

type Attempt<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: PathFailure };

export function createOnionSender(options: OnionSenderOptions): OnionSender {
  const { transport, random, clock, logger, paths, limits } = options;
  const layerKeys = createLayerKeyPool(random, clock);
  const elapsed = elapsedClock(clock);

  async function attempt<T>(path: OnionPath, target: OnionTarget, payload: Uint8Array, decode: ReplyDecoder<T>, o: SendOptions): Promise<Attempt<T>> {
    const built = buildClientRequest(random, path, target, payload, options.encType, layerKeys);
    const guard = path.nodes[0]!;
    let res;
    try {
      res = await transport.request({
        endpoint: nodeEndpoint(guard),
        path: '/onion_req/v2',
        body: built.wire,
        contentType: 'application/octet-stream',
        timeoutMs: o.timeoutMs ?? limits.onionTimeoutMs,
        maxResponseBytes: limits.maxResponseBytes,
        ...(o.signal === undefined ? {} : { signal: o.signal }),
      });
    } catch (err) {
      const failure = classifyTransportError(path, target, err);
      if (failure === null) throw err;
      return { ok: false, failure };
    }
    if (res.status !== 200) return { ok: false, failure: classifyPathStatus(path, target, res.status, res.body, limits.maxReasonChars) };
    try {
      return { ok: true, value: decode(res.body, built) };
    } catch (err) {
      return { ok: false, failure: { error: badResponseError(path, target, err), blame: { kind: 'path' }, retry: true } };
    }
  }

  function applyBlame(path: OnionPath, blame: Blame): void {
    if (blame.kind === 'path') paths.reportPathFailure(path.id);
    if (blame.kind === 'destination') paths.reportNodeFailure(blame.ed25519, blame.force);
    if (blame.kind !== 'node') return;
    paths.reportNodeFailure(blame.ed25519, blame.force);
    if (blame.alsoPath) paths.reportPathFailure(path.id, new Set([blame.ed25519]));
  }

  return {
    async send(target, payload, decode, o = {}) {
      let last: HushError | undefined;
      for (let n = 0; n < limits.maxAttempts; n++) {
        throwIfAborted(o.signal, 'onion request');
        const path = await paths.pathFor(target.kind === 'node' ? target.node : null, o.signal);
        const began = elapsed();
        const result = await attempt(path, target, payload, decode, o);
        if (result.ok && o.untimed !== true) options.onRoundTrip?.(path, elapsed() - began);
        // The reply is in: make the next requests' layer keys now, not while this one was on its way.
        clock.setTimer(0, layerKeys.refill);
        if (result.ok) return result.value;
        const { error, blame, retry } = result.failure;
        applyBlame(path, blame);
        logger.debug('onion_attempt_failed', { attempt: n, path: path.id, code: error.code, ...error.details });
        last = error;
        if (!retry || n === limits.maxAttempts - 1) break;
        await clock.sleep(retryDelayMs(n, limits.baseRetryDelayMs, limits.maxRetryDelayMs), o.signal);
      }
      throw last ?? new HushError('HUSH_ERR_NO_PATH', 'onion request: no attempt was made', { details: { maxAttempts: limits.maxAttempts } });
    },
  };
}

/**
 * `payload` to a node (storage RPC JSON; v3 reply) or to a server (already v4-framed, e.g. by
 * core `encodeV4Request`; v4 reply), through a path, with retries.
 */
export function sendOnionRequest(sender: OnionSender, destination: ServiceNode, payload: Uint8Array, options?: SendOptions): Promise<NodeReply>;
export function sendOnionRequest(sender: OnionSender, destination: OnionServer, payload: Uint8Array, options?: SendOptions): Promise<ServerReply>;
export function sendOnionRequest(sender: OnionSender, destination: ServiceNode | OnionServer, payload: Uint8Array, options?: SendOptions): Promise<NodeReply | ServerReply> {
  if ('ed25519' in destination) return sender.send({ kind: 'node', node: destination }, payload, decodeNodeReply, options);
  return sender.send({ kind: 'server', server: destination }, payload, decodeServerReply, options);
}
