/**
 * Limits and defaults of the messages the messenger builds and accepts (spec client §5.2, §10),
 * in one place; mirrored in docs/LIMITS.md. Values taken from Session name their upstream source.
 */

/**
 * Disappearing-message timers a conversation may use, in seconds; 0 only for 'off' (spec §10;
 * desktop/libsession's list, some entries dev-only upstream).
 */
export const DISAPPEARING_TIMERS: readonly number[] = Object.freeze([
  0, 5, 10, 30, 60, 300, 1800, 3600, 21600, 43200, 86400, 604800, 1209600,
]);

/** Longest timer accepted from a peer (s): the longest allowed timer, = the longest swarm TTL (14 d). */
export const MAX_DISAPPEARING_SECONDS = 1_209_600;

/** Outgoing text, in Unicode code points (spec §10: 2 000 characters; libsession counts code points). */
export const MAX_TEXT_CODE_POINTS = 2_000;

/** Incoming text, in code points (spec §10: 10 000 with Session Pro); longer is ignored. */
export const MAX_INCOMING_TEXT_CODE_POINTS = 10_000;

/** Display name, UTF-8 bytes (spec §10: display/group name 100 bytes). */
export const MAX_DISPLAY_NAME_BYTES = 100;

/** Sent timestamps in one incoming read receipt; more is ignored. */
export const MAX_RECEIPT_TIMESTAMPS = 1_000;

/** Swarm TTL of content messages, ms (DESK `TTL_DEFAULT.CONTENT_MESSAGE`, 14 d). */
export const CONTENT_TTL_MS = 14 * 24 * 60 * 60 * 1000;

/** Swarm TTL of typing indicators, ms (DESK `TTL_DEFAULT.TYPING_MESSAGE`). */
export const TYPING_TTL_MS = 20_000;
