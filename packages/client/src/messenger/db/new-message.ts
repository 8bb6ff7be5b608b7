/**
 * Checks a NewMessage (from the send/receive pipeline, so ultimately from a peer or the user) and
 * turns it into the named parameters of the messages INSERT. Beyond field types and bounds it
 * holds the 1:1 rules: we author what goes out; what comes in is authored by the conversation's
 * other side and is 'stored' by definition; storedOn never exceeds swarmSize.
 */
import { checkCount, checkDisappearing, checkErrorText, checkHash, checkOneOf, checkSessionId, checkTime, checkTimeOrNull, checkBoundedText, DELIVERY_STATES } from './db-arguments.ts';
import { badArgument } from './db-errors.ts';
import { MESSENGER_DB_LIMITS as L } from './db-limits.ts';

export interface MessageRowParams {
  readonly conversationId: string;
  readonly direction: 'in' | 'out';
  readonly author: string;
  readonly sentAt: number;
  readonly receivedAt: number;
  readonly text: string;
  readonly delivery: string;
  readonly storedOn: number;
  readonly swarmSize: number;
  readonly error: string | null;
  readonly readAt: number | null;
  readonly disappearingMode: string;
  readonly disappearingSeconds: number;
  readonly expiresAt: number | null;
  readonly hashTheirs: string | null;
  readonly hashOurs: string | null;
}

/** `{ theirs?, ours? }` → both hashes, null where absent. */
export function checkHashes(value: unknown, field: string): { theirs: string | null; ours: string | null } {
  if (value === undefined) return { theirs: null, ours: null };
  if (typeof value !== 'object' || value === null) throw badArgument(field, 'expected { theirs?, ours? }');
  const { theirs, ours } = value as Record<string, unknown>;
  return {
    theirs: theirs === undefined ? null : checkHash(theirs, `${field}.theirs`),
    ours: ours === undefined ? null : checkHash(ours, `${field}.ours`),
  };
}

function checkAuthorship(direction: 'in' | 'out', author: string, conversationId: string, self: string): void {
  if (direction === 'out' && author !== self) throw badArgument('author', 'an outgoing message is authored by us');
  if (direction === 'in' && author !== conversationId) {
    throw badArgument('author', "an incoming message is authored by the conversation's other side");
  }
}

function checkSwarmCounts(m: Record<string, unknown>): { storedOn: number; swarmSize: number } {
  const swarmSize = checkCount(m['swarmSize'], 'swarmSize', L.maxSwarmSize);
  const storedOn = checkCount(m['storedOn'], 'storedOn', swarmSize);
  return { storedOn, swarmSize };
}

export function checkNewMessage(input: unknown, self: string): MessageRowParams {
  if (typeof input !== 'object' || input === null) throw badArgument('message', 'expected an object');
  const m = input as Record<string, unknown>;
  const conversationId = checkSessionId(m['conversationId'], 'conversationId');
  const direction = checkOneOf(m['direction'], ['in', 'out'] as const, 'direction');
  const author = checkSessionId(m['author'], 'author');
  checkAuthorship(direction, author, conversationId, self);
  const delivery = checkOneOf(m['delivery'], DELIVERY_STATES, 'delivery');
  if (direction === 'in' && delivery !== 'stored') throw badArgument('delivery', "an incoming message is 'stored'");
  const disappearing = checkDisappearing(m['disappearing'], 'disappearing');
  const hashes = checkHashes(m['hashes'], 'hashes');
  return {
    conversationId,
    direction,
    author,
    sentAt: checkTime(m['sentAt'], 'sentAt'),
    receivedAt: checkTime(m['receivedAt'], 'receivedAt'),
    text: checkBoundedText(m['text'], 'text', L.maxTextBytes),
    delivery,
    ...checkSwarmCounts(m),
    error: checkErrorText(m['error'], 'error'),
    readAt: checkTimeOrNull(m['readAt'], 'readAt'),
    disappearingMode: disappearing.mode,
    disappearingSeconds: disappearing.seconds,
    expiresAt: checkTimeOrNull(m['expiresAt'], 'expiresAt'),
    hashTheirs: hashes.theirs,
    hashOurs: hashes.ours,
  };
}
