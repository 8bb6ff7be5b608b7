/**
 * The account + signature fields of account-scoped signed methods, and the 401 a failed
 * verification gives: SS's text ("<label> signature verification failed") plus the reason.
 */
import { verifyRequestSignature } from '../auth/verify.ts';
import type { Account } from './account.ts';
import { loadAccount, loadAuth, type Auth } from './auth-params.ts';
import type { RpcContext } from './context.ts';
import { optString, type Params } from './params.ts';
import { fail, type RpcResponse } from './response.ts';

export interface Signed {
  readonly account: Account;
  readonly auth: Auth;
}

/** pubkey (required), pubkey_ed25519, signature (required), subaccount + subaccount_sig. */
export function loadSigned(p: Params, withSubaccount = true): Signed {
  const pk = optString(p, 'pubkey');
  const pubkeyEd25519 = optString(p, 'pubkey_ed25519');
  const signature = optString(p, 'signature');
  const subaccount = withSubaccount ? optString(p, 'subaccount') : undefined;
  const subaccountSig = withSubaccount ? optString(p, 'subaccount_sig') : undefined;
  const account = loadAccount(pk);
  return { account, auth: loadAuth(account, { pubkeyEd25519, signature, subaccount, subaccountSig }) };
}

export interface VerifySpec {
  readonly message: Uint8Array;
  readonly access: number;
  /** Text before " signature verification failed" (SS uses e.g. "delete_msgs", "expire:"). */
  readonly label: string;
  readonly skipRevokeCheck?: boolean;
}

/** null when the signature is good, else the 401 response. */
export async function verifyOr401(ctx: RpcContext, s: Signed, spec: VerifySpec): Promise<RpcResponse | null> {
  const verdict = await verifyRequestSignature({
    account: s.account,
    auth: s.auth,
    message: spec.message,
    access: spec.access,
    skipRevokeCheck: spec.skipRevokeCheck ?? false,
    isRevoked: ctx.store.isRevoked,
    ...(ctx.edToCurve !== undefined ? { edToCurve: ctx.edToCurve } : {}),
    ...(ctx.signatures !== undefined ? { signatures: ctx.signatures } : {}),
  });
  return verdict.ok ? null : fail(401, `${spec.label} signature verification failed: ${verdict.reason}`);
}
