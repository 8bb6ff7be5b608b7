/** Lists of message hashes in requests (delete, expire, get_expiries). */
import { isMessageHash } from '@hush/core';
import { LIMITS } from '../limits.ts';
import { optStringList, required, type Params } from './params.ts';
import { RpcParseError } from './response.ts';

/** `messages`: required, non-empty, each a 43-character base64 hash (SS is_valid_message_hash). */
export function loadHashes(p: Params): string[] {
  const messages = required('messages', optStringList(p, 'messages'));
  if (messages.length === 0) throw new RpcParseError('messages does not contain any message hashes');
  if (messages.length > LIMITS.maxHashesPerRequest) {
    throw new RpcParseError(`Invalid value given for 'messages': more than ${LIMITS.maxHashesPerRequest} message hashes`);
  }
  for (const m of messages) if (!isMessageHash(m)) throw new RpcParseError(`invalid message hash: ${String(m).slice(0, 100)}`);
  return messages;
}
