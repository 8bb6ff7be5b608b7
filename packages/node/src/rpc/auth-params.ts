/**
 * Parsing of the account and authentication fields shared by the storage RPC methods (SS
 * client_rpc_endpoints.cpp load_pk, load_pk_signature, load_subaccount), with SS's messages.
 */
import { fromBase64, fromHex } from '@hush/core';
import { parseAccount, type Account } from './account.ts';
import { required } from './params.ts';
import { RpcParseError } from './response.ts';

export const SUBACCOUNT_TOKEN_BYTES = 36;

export interface SignedSubaccount {
  /** 36 bytes: prefix || flags || reserved(2) || Ed25519 key(32). */
  readonly token: Uint8Array;
  /** The account key's signature of the token. */
  readonly signature: Uint8Array;
}

export interface Auth {
  readonly pubkeyEd25519: Uint8Array | null;
  readonly signature: Uint8Array;
  readonly subaccount: SignedSubaccount | null;
}

const B64 = /^[A-Za-z0-9+/]*={0,2}$/;
const HEX = /^[0-9a-fA-F]*$/;

export function loadAccount(pk: string | undefined, lengthMessage = 'Pubkey must be 66 hex digits (33 bytes) long'): Account {
  const account = parseAccount(required('pubkey', pk));
  if (account === null) throw new RpcParseError(lengthMessage);
  return account;
}

/** A base64 Ed25519 signature: 86 characters, or 88 ending "==". */
function loadSignatureValue(sig: string, message: string): Uint8Array {
  const okLength = sig.length === 86 || (sig.length === 88 && sig.endsWith('=='));
  if (!okLength || !B64.test(sig)) throw new RpcParseError(message);
  return fromBase64(sig.length === 86 ? `${sig}==` : sig, 'signature');
}

function loadPubkeyEd25519(account: Account, pkEd: string | undefined): Uint8Array | null {
  if (pkEd === undefined) return null;
  if (account.type !== 5) throw new RpcParseError('pubkey_ed25519 is only permitted for 05[...] pubkeys');
  if (pkEd.length !== 64) throw new RpcParseError('Invalid pubkey_ed25519: expected 64 hex char or 32 byte pubkey');
  if (!HEX.test(pkEd)) throw new RpcParseError('invalid pubkey_ed25519: value is not hex');
  return fromHex(pkEd, 'pubkey_ed25519', 32);
}

function loadSubaccount(sub: string | undefined, subSig: string | undefined): SignedSubaccount | null {
  if (sub === undefined || sub === '') return null;
  if (subSig === undefined) throw new RpcParseError('invalid subaccount: subaccount_sig is required when using subaccount');
  let token: Uint8Array;
  if (sub.length === (SUBACCOUNT_TOKEN_BYTES * 4) / 3 && B64.test(sub)) token = fromBase64(sub, 'subaccount');
  else if (sub.length === SUBACCOUNT_TOKEN_BYTES * 2 && HEX.test(sub)) token = fromHex(sub, 'subaccount', SUBACCOUNT_TOKEN_BYTES);
  else throw new RpcParseError('invalid subaccount: expected base64 or hex-encoded subaccount token');
  if (token.length !== SUBACCOUNT_TOKEN_BYTES) throw new RpcParseError('invalid subaccount: expected base64 or hex-encoded subaccount token');
  const signature = loadSignatureValue(subSig, 'invalid subaccount signature: expected base64 encoded Ed25519 signature');
  return { token, signature };
}

/** The fields every signed request carries; `signature` is required. */
export function loadAuth(
  account: Account,
  f: { pubkeyEd25519: string | undefined; signature: string | undefined; subaccount?: string | undefined; subaccountSig?: string | undefined },
): Auth {
  const sig = required('signature', f.signature);
  const pubkeyEd25519 = loadPubkeyEd25519(account, f.pubkeyEd25519);
  const signature = loadSignatureValue(sig, 'invalid signature: expected base64 encoded Ed25519 signature');
  return { pubkeyEd25519, signature, subaccount: loadSubaccount(f.subaccount, f.subaccountSig) };
}
