/**
 * What one onion hop did, for metrics and for an optional observer. The observer
 * (`ServiceNodeComponents.onOnionHop`) exists for tests and tools that must check what a node
 * could see (privacy tests); production nodes install none, and the node never logs the fields
 * of a record (the decrypted layer, the client's address, where the request went).
 */

/** Outcome label of `hush_onion_requests_total` / `hush_onion_hop_seconds`. */
export type OnionOutcome =
  | 'forwarded'
  | 'final'
  | 'relayed'
  | 'not_ready'
  | 'bad_body'
  | 'bad_layer'
  | 'bad_ciphertext'
  | 'max_hops'
  | 'invalid_json'
  | 'invalid_url'
  | 'next_node_not_found'
  | 'next_node_timeout'
  | 'next_node_failed'
  | 'relay_refused'
  | 'relay_timeout'
  | 'relay_failed'
  | 'internal_error';

export interface OnionHopRecord {
  /** Address the request arrived from: the client at an entry node, the previous hop otherwise. */
  readonly remoteAddress: string | null;
  /** The hop number this node was given (null when the layer could not be read). */
  readonly hopNo: number | null;
  readonly outcome: OnionOutcome;
  /** Everything this node could read of the request: the decrypted layer (null when none). */
  readonly plaintextSeen: Uint8Array | null;
  /** Where the request went on: `<ed25519 hex>@<ip>:<port>` for a node, the URL for a server. */
  readonly forwardedTo: string | null;
  /** HTTP status this node answered with. */
  readonly status: number;
}

export type OnionHopObserver = (record: OnionHopRecord) => void;
