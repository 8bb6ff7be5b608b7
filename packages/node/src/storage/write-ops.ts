/**
 * The write operations the store performs, as plain data (they cross to the writer thread by
 * structured clone). `now` always comes from the caller's clock: the writer has none.
 */

/** `null` namespace = every namespace ("all"). */
export type NamespaceSel = number | null;

export interface StoredMessage {
  /** 33-byte prefixed account key. */
  readonly owner: Uint8Array;
  readonly namespace: number;
  readonly hash: string;
  readonly timestamp: number;
  readonly expiry: number;
  readonly data: Uint8Array;
}

export type WriteOp =
  | { readonly op: 'store'; readonly msg: StoredMessage; readonly publicOutbox: boolean }
  | { readonly op: 'bulkStore'; readonly msgs: readonly StoredMessage[] }
  | { readonly op: 'deleteByHash'; readonly owner: Uint8Array; readonly hashes: readonly string[]; readonly now: number }
  | { readonly op: 'deleteAll'; readonly owner: Uint8Array; readonly namespace: NamespaceSel; readonly now: number }
  | {
      readonly op: 'deleteBefore';
      readonly owner: Uint8Array;
      readonly namespace: NamespaceSel;
      readonly before: number;
      readonly now: number;
    }
  | {
      readonly op: 'updateExpiry';
      readonly owner: Uint8Array;
      readonly hashes: readonly string[];
      /** One expiry for all hashes, or one per hash. */
      readonly expiries: readonly number[];
      readonly extendOnly: boolean;
      readonly shortenOnly: boolean;
      readonly now: number;
    }
  | {
      readonly op: 'updateAllExpiries';
      readonly owner: Uint8Array;
      readonly namespace: NamespaceSel;
      readonly expiry: number;
      readonly now: number;
    }
  | { readonly op: 'revoke'; readonly owner: Uint8Array; readonly tokens: readonly Uint8Array[]; readonly now: number }
  | { readonly op: 'unrevoke'; readonly owner: Uint8Array; readonly tokens: readonly Uint8Array[] }
  | { readonly op: 'sweep'; readonly now: number };

export type StoreOutcome = 'new' | 'exists' | 'extended' | 'full';

/** [namespace, hash] pairs. */
export type Affected = Array<[number, string]>;

export interface WriteResults {
  store: { readonly outcome: StoreOutcome; readonly expiry: number };
  bulkStore: { readonly stored: number };
  deleteByHash: { readonly hashes: string[] };
  deleteAll: { readonly affected: Affected };
  deleteBefore: { readonly affected: Affected };
  updateExpiry: { readonly updated: Array<[string, number]> };
  updateAllExpiries: { readonly affected: Affected };
  revoke: { readonly count: number };
  unrevoke: { readonly count: number };
  sweep: { readonly deleted: number };
}

export type WriteResultOf<O extends WriteOp> = WriteResults[O['op']];

/** What the writer returns for one op: its result, or an error description. */
export type WriteReply = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: string; readonly code?: string };
