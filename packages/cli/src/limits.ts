/** The CLI's limits, in one place (see docs/LIMITS.md). */

/** Largest account.json the CLI will read (a real one is ~200 bytes). */
export const MAX_ACCOUNT_FILE_BYTES = 64 * 1024;

/** Most bytes of recovery phrase read from standard input or a prompt (13 words need < 200). */
export const MAX_PHRASE_INPUT_BYTES = 4096;

/** Seed size of new accounts (13-word recovery phrase), as Session uses. */
export const NEW_SEED_BYTES = 16;

/** Seed sizes accepted from an account file: 16 bytes, or 32 for legacy 25-word accounts. */
export const ACCOUNT_SEED_SIZES: readonly number[] = [16, 32];
