/**
 * How the SDK talks HTTP: one small injectable interface, so tests can record traffic and inject
 * failures. Failures reject with a HushError: HUSH_ERR_NETWORK (no answer: refused, reset, DNS),
 * HUSH_ERR_TIMEOUT, HUSH_ERR_ABORTED or HUSH_ERR_TOO_LARGE. Any HTTP status is an answer.
 */
export interface HttpEndpoint {
  readonly protocol: 'http' | 'https';
  readonly host: string;
  readonly port: number;
}

export interface TransportRequest {
  readonly endpoint: HttpEndpoint;
  /** Path and query, starting with "/". */
  readonly path: string;
  readonly body: Uint8Array;
  readonly contentType: string;
  readonly timeoutMs: number;
  readonly maxResponseBytes: number;
  readonly signal?: AbortSignal;
}

export interface TransportResponse {
  readonly status: number;
  readonly body: Uint8Array;
}

export interface Transport {
  request(request: TransportRequest): Promise<TransportResponse>;
  /** Drops idle connections; the transport stays usable. */
  close(): void;
}

export function endpointLabel(endpoint: HttpEndpoint): string {
  return `${endpoint.protocol}://${endpoint.host}:${endpoint.port}`;
}
