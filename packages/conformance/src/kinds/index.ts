import type { KindHandler } from './handler.ts';
import { mnemonicDecode, mnemonicEncode, sessionIdFromSeed } from './keys.ts';

/** Every kind of `../shared/vectors/README.md` this runner implements, mapped to real core code. */
export const KIND_HANDLERS: ReadonlyMap<string, KindHandler> = new Map<string, KindHandler>([
  ['session_id_from_seed', sessionIdFromSeed],
  ['mnemonic_encode', mnemonicEncode],
  ['mnemonic_decode', mnemonicDecode],
]);
