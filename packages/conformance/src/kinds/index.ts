import type { KindHandler } from './handler.ts';
import { mnemonicDecode, mnemonicEncode, sessionIdFromSeed } from './keys.ts';
import {
  blind15CandidatesKind,
  blind15IdKind,
  blind25FromSessionIdKind,
  blind25IdKind,
  decryptBlindedDm,
} from './blinding.ts';
import { decrypt1o1, encrypt1o1Deterministic } from './protocol.ts';
import { messageHashKind, onionPeelKind, swarmForPubkeyKind } from './network.ts';

/** Every kind of `../shared/vectors/README.md` this runner implements, mapped to real core code. */
export const KIND_HANDLERS: ReadonlyMap<string, KindHandler> = new Map<string, KindHandler>([
  ['session_id_from_seed', sessionIdFromSeed],
  ['mnemonic_encode', mnemonicEncode],
  ['mnemonic_decode', mnemonicDecode],
  ['decrypt_1o1', decrypt1o1],
  ['encrypt_1o1_deterministic', encrypt1o1Deterministic],
  ['blind15_id', blind15IdKind],
  ['blind15_candidates', blind15CandidatesKind],
  ['blind25_id', blind25IdKind],
  ['blind25_id_from_session_id', blind25FromSessionIdKind],
  ['decrypt_blinded_dm', decryptBlindedDm],
  ['message_hash', messageHashKind],
  ['swarm_for_pubkey', swarmForPubkeyKind],
  ['onion_peel', onionPeelKind],
]);
