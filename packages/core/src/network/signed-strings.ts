/**
 * The exact bytes a client signs for each authenticated storage RPC request (session-network.md
 * §3.1–§3.12, §3.16; SS `request_handler.cpp` verify_signature calls, `mqbase.cpp` monitor). The
 * signature is Ed25519 by the account key (or subaccount key), sent base64 in JSON.
 */
import { HushError } from '../errors.ts';
import { namespaceSignaturePart, parseNamespace, parseNamespaceOrAll } from './namespace.ts';
import type { NamespaceOrAll } from './namespace.ts';
import { accountHex, decimal, decimals, hashList, joinParts, tokenList } from './signed-parts.ts';

/** Most tokens one revoke_subaccount request may carry. */
export const MAX_REVOKE_TOKENS = 50;

/** "store" || NS || sig_timestamp — NS is "" for namespace 0. */
export function storeSignedString(p: { namespace: number; timestamp: number }): Uint8Array {
  return joinParts('store', namespaceSignaturePart(parseNamespace(p.namespace)), decimal(p.timestamp, 'timestamp'));
}

/** "retrieve" || NS || timestamp. */
export function retrieveSignedString(p: { namespace: number; timestamp: number }): Uint8Array {
  return joinParts('retrieve', namespaceSignaturePart(parseNamespace(p.namespace)), decimal(p.timestamp, 'timestamp'));
}

/** "delete" || hash0 || hash1 … (no timestamp). */
export function deleteSignedString(p: { messages: readonly string[] }): Uint8Array {
  return joinParts('delete', hashList(p.messages, 'messages'));
}

/** "delete_all" || NS || timestamp, NS being "", "all" or the decimal namespace. */
export function deleteAllSignedString(p: { namespace: NamespaceOrAll; timestamp: number }): Uint8Array {
  return joinParts('delete_all', namespaceSignaturePart(parseNamespaceOrAll(p.namespace)), decimal(p.timestamp, 'timestamp'));
}

/** "delete_before" || NS || before. */
export function deleteBeforeSignedString(p: { namespace: NamespaceOrAll; before: number }): Uint8Array {
  return joinParts('delete_before', namespaceSignaturePart(parseNamespaceOrAll(p.namespace)), decimal(p.before, 'before'));
}

/** "expire_all" || NS || expiry. */
export function expireAllSignedString(p: { namespace: NamespaceOrAll; expiry: number }): Uint8Array {
  return joinParts('expire_all', namespaceSignaturePart(parseNamespaceOrAll(p.namespace)), decimal(p.expiry, 'expiry'));
}

export interface ExpireParams {
  readonly messages: readonly string[];
  /** One expiry (ms) for all messages, or one per message (same length as `messages`). */
  readonly expiry: number | readonly number[];
  readonly shorten?: boolean;
  readonly extend?: boolean;
}

/** "expire" || ("shorten" | "extend" | "") || expiry (or every expiry concatenated) || hash0 || …. */
export function expireSignedString(p: ExpireParams): Uint8Array {
  if (p.shorten === true && p.extend === true) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'expire: shorten and extend are exclusive', { details: { field: 'shorten' } });
  }
  const messages = hashList(p.messages, 'messages');
  const expiries = typeof p.expiry === 'number' ? [decimal(p.expiry, 'expiry')] : decimals(p.expiry, 'expiry');
  if (expiries.length > 1 && expiries.length !== messages.length) {
    throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'expiry: a list of expiries must match messages in length', {
      details: { field: 'expiry', expiries: expiries.length, messages: messages.length },
    });
  }
  const mode = p.shorten === true ? 'shorten' : p.extend === true ? 'extend' : '';
  return joinParts('expire', mode, expiries, messages);
}

/** "get_expiries" || timestamp || hash0 || …. */
export function getExpiriesSignedString(p: { timestamp: number; messages: readonly string[] }): Uint8Array {
  return joinParts('get_expiries', decimal(p.timestamp, 'timestamp'), hashList(p.messages, 'messages'));
}

/** "revoke_subaccount" || timestamp || token bytes… (signed by the account key only). */
export function revokeSubaccountSignedString(p: { timestamp: number; tokens: readonly Uint8Array[] }): Uint8Array {
  return joinParts('revoke_subaccount', decimal(p.timestamp, 'timestamp'), tokenList(p.tokens, 'tokens', MAX_REVOKE_TOKENS));
}

/** "unrevoke_subaccount" || timestamp || token bytes…. */
export function unrevokeSubaccountSignedString(p: { timestamp: number; tokens: readonly Uint8Array[] }): Uint8Array {
  return joinParts('unrevoke_subaccount', decimal(p.timestamp, 'timestamp'), tokenList(p.tokens, 'tokens'));
}

export interface MonitorParams {
  /** The account's 66-hex prefixed id. */
  readonly account: string;
  /** Signature time in SECONDS. */
  readonly timestamp: number;
  readonly wantData: boolean;
  /** Strictly ascending namespaces. */
  readonly namespaces: readonly number[];
}

/** "MONITOR" || account hex || t (s) || "0"/"1" || namespaces joined by ",". */
export function monitorSignedString(p: MonitorParams): Uint8Array {
  if (!Array.isArray(p.namespaces) || p.namespaces.length === 0) {
    throw new HushError('HUSH_ERR_BAD_NAMESPACE', 'namespaces: expected a non-empty list', { details: { field: 'namespaces' } });
  }
  const ns = p.namespaces.map((n, i) => parseNamespace(n, `namespaces[${i}]`));
  ns.forEach((n, i) => {
    if (i > 0 && n <= ns[i - 1]!) {
      throw new HushError('HUSH_ERR_BAD_NAMESPACE', `namespaces[${i}]: must be strictly ascending`, { details: { field: `namespaces[${i}]` } });
    }
  });
  if (typeof p.wantData !== 'boolean') throw new HushError('HUSH_ERR_BAD_ARGUMENT', 'wantData: expected a boolean', { details: { field: 'wantData' } });
  return joinParts('MONITOR', accountHex(p.account, 'account'), decimal(p.timestamp, 'timestamp'), p.wantData ? '1' : '0', ns.join(','));
}
