/**
 * What a command gets: the outside world (streams, environment, directories) passed in, so the
 * CLI can be run in-process by tests and never reaches for `process` itself.
 */
import type { Readable, Writable } from 'node:stream';
import type { ParsedArgs } from './args.ts';
import type { CommandSpec } from './command-table.ts';
import type { Output } from './output.ts';

/** Standard input as the CLI sees it: a readable stream that may be a terminal. */
export type InputStream = Readable & { readonly isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

export interface CliIo {
  readonly stdin: InputStream;
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Absolute working directory (relative paths are resolved against it). */
  readonly cwd: string;
  /** The user's home directory (for the default data directory, ~/.hush). */
  readonly homedir: string;
  /**
   * For foreground commands (`hush node start`, `hush devnet up`): runs `handler` on the first
   * SIGINT or SIGTERM and returns a function that unsubscribes. While subscribed, those signals no
   * longer end the process at once; the command stops what it started and returns.
   */
  readonly onStopSignal: (handler: (signal: StopSignal) => void) => () => void;
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

export interface CommandContext {
  readonly io: CliIo;
  readonly args: ParsedArgs;
  /** The command being run. */
  readonly command: CommandSpec;
  /** Positional arguments after the command words. */
  readonly rest: readonly string[];
  readonly out: Output;
}
