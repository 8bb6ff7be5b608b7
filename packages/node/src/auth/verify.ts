/**
 * Request signature verification (session-network.md §3.15; SS request_handler.cpp
 * verify_signature, crypto/subaccount.cpp):
 * 1. key: for a 05 account with `pubkey_ed25519`, that key — after checking it converts to the
 *    account's X25519 key; otherwise the account's 32 bytes as an Ed25519 key;
 * 2. with a subaccount: not revoked (unless the namespace is unrevocable), prefix allowed, flags
 *    cover the required access, token signed by the step-1 key; the request is then verified with
 *    the token's key.
 * Returns the reason on failure, so the 401 can name the problem. Asynchronous because the node
 * runs the Ed25519 checks on its signature threads (auth/signature-pool.ts).
 */
import { bytesEqual, edPkToCurve, verifyDetached } from '@hush/core';
import type { Account } from '../rpc/account.ts';
import type { Auth } from '../rpc/auth-params.ts';
import type { SignatureVerifier } from './signature-pool.ts';

export const ACCESS = { none: 0, read: 0x01, write: 0x02, delete: 0x04, anyPrefix: 0x08 } as const;

export type VerifyResult = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface VerifyInput {
  readonly account: Account;
  readonly auth: Auth;
  /** The exact signed bytes (from core's signed-string builders). */
  readonly message: Uint8Array;
  /** ACCESS flags a subaccount needs for this request. */
  readonly access: number;
  /** Unrevocable namespaces accept revoked subaccounts. */
  readonly skipRevokeCheck: boolean;
  readonly isRevoked: (owner: Uint8Array, token: Uint8Array) => boolean;
  /** Ed25519 → X25519 conversion (a cached one in the node); libsodium's by default. */
  readonly edToCurve?: (edPk: Uint8Array) => Uint8Array;
  /** Where the Ed25519 checks run (the node's signature threads); core's verifyDetached inline by default. */
  readonly signatures?: SignatureVerifier;
}

const failed = (reason: string): VerifyResult => ({ ok: false, reason });

function check(input: VerifyInput, signature: Uint8Array, message: Uint8Array, key: Uint8Array): boolean | Promise<boolean> {
  return input.signatures !== undefined ? input.signatures.verify(signature, message, key) : verifyDetached(signature, message, key);
}

function accountVerifyKey(account: Account, pkEd: Uint8Array | null, toCurve: (pk: Uint8Array) => Uint8Array): Uint8Array | string {
  if (account.type !== 5 || pkEd === null) return account.key;
  let x: Uint8Array;
  try {
    x = toCurve(pkEd);
  } catch {
    return 'pubkey_ed25519 is not a valid Ed25519 key';
  }
  return bytesEqual(x, account.key) ? pkEd : 'pubkey_ed25519 does not match the account pubkey';
}

async function checkSubaccount(input: VerifyInput, key: Uint8Array): Promise<Uint8Array | string> {
  const sub = input.auth.subaccount!;
  const token = sub.token;
  if (!input.skipRevokeCheck && input.isRevoked(input.account.bytes, token)) return 'subaccount token has been revoked';
  const flags = token[1]!;
  if (token[0] !== input.account.type && (flags & ACCESS.anyPrefix) === 0) return 'subaccount token is for another network prefix';
  if ((flags & input.access) !== input.access) return 'subaccount token lacks the required permission';
  if (!(await check(input, sub.signature, token, key))) return 'subaccount_sig is not a valid signature of the token by the account key';
  return token.subarray(4);
}

export async function verifyRequestSignature(input: VerifyInput): Promise<VerifyResult> {
  const key = accountVerifyKey(input.account, input.auth.pubkeyEd25519, input.edToCurve ?? edPkToCurve);
  if (typeof key === 'string') return failed(key);
  let signer = key;
  if (input.auth.subaccount !== null) {
    const subKey = await checkSubaccount(input, key);
    if (typeof subKey === 'string') return failed(subKey);
    signer = subKey;
  }
  if (!(await check(input, input.auth.signature, input.message, signer))) {
    return failed(input.auth.subaccount !== null ? 'signature does not verify with the subaccount key' : 'signature does not verify with the account key');
  }
  return { ok: true };
}
