/** Limits of the account key store (docs/LIMITS.md, client section). */

/** Largest account.json read (a real one is ~200 bytes). */
export const MAX_ACCOUNT_FILE_BYTES = 64 * 1024;

/** Seed sizes accepted from an account file: 16 bytes, or 32 for legacy 25-word accounts. */
export const ACCOUNT_SEED_SIZES: readonly number[] = [16, 32];
