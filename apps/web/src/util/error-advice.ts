/** What to do about an error, by its stable code (the daemon's message says what went wrong). */
import type { ApiError } from '../api/api-error.ts';

const ADVICE: Readonly<Record<string, string>> = {
  HUSH_ERR_DAEMON_UNREACHABLE: 'Check that "hush app" (or npm start) is still running in your terminal, then try again.',
  HUSH_ERR_UNAUTHORIZED: 'Open the address that "hush app" printed when it started.',
  HUSH_ERR_NOT_READY: 'Hush is still connecting to the network. Try again in a few seconds.',
  HUSH_ERR_NODE_LIST: 'Check that the network is running (npm start, or hush devnet up) and that --network points at it.',
  HUSH_ERR_NO_PATH: 'No route through the network could be built. Check that the service nodes are running, then retry.',
  HUSH_ERR_NETWORK: 'The network could not be reached. Check that the service nodes are running, then retry.',
  HUSH_ERR_ONION_HOP_FAILED: 'A node on the way did not answer. Retry; Hush picks another path.',
  HUSH_ERR_TIMEOUT: 'The network took too long to answer. Retry in a moment.',
  HUSH_ERR_STORE_FAILED: 'The recipient’s nodes did not store the message. Retry in a moment.',
  HUSH_ERR_BAD_MNEMONIC_WORD: 'Check the spelling of that word (only its first 3 letters count).',
  HUSH_ERR_BAD_MNEMONIC_LENGTH: 'A recovery phrase has 13 words, separated by spaces.',
  HUSH_ERR_BAD_MNEMONIC_CHECKSUM: 'One of the words is wrong. Compare each word with the phrase you saved.',
  HUSH_ERR_BAD_SESSION_ID: 'A Session ID is 66 characters: 05 followed by 64 letters a–f and digits.',
  HUSH_ERR_ACCOUNT_EXISTS: 'This profile already has an account. Reload the page to open it.',
  HUSH_ERR_TEXT_TOO_LONG: 'Shorten the message to 2,000 characters or fewer.',
};

export function adviceFor(error: Pick<ApiError, 'code'>): string | null {
  return ADVICE[error.code] ?? null;
}
