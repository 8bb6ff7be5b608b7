/**
 * How results and errors reach the user. Text mode: results on stdout, errors on stderr as
 * `hush: <message> (<CODE>)`. JSON mode (`--json`): exactly one JSON object on stdout, the result
 * or `{"error": {"code", "message"}}`, and nothing on stderr except warnings (and, for the
 * commands that run a service node, the node's own log lines).
 */
import type { Writable } from 'node:stream';
import { describeError } from './describe-error.ts';

export interface Output {
  readonly json: boolean;
  /** Prints `data` as one JSON line in JSON mode, else `text` (a final newline is added). */
  result(data: Readonly<Record<string, unknown>>, text: string): void;
  /** Plain text on stdout, in both modes (help, version). */
  text(text: string): void;
  /** A warning on stderr, in both modes. */
  warn(message: string): void;
  /** A progress note for people on stderr (`hush: <message>`); nothing in JSON mode. */
  progress(message: string): void;
  /** Prints an error and returns the exit code it deserves. `hint` is shown in text mode only. */
  error(err: unknown, hint?: string): number;
}

export function createOutput(options: {
  readonly stdout: Writable;
  readonly stderr: Writable;
  readonly json: boolean;
  readonly debug?: boolean;
}): Output {
  const { stdout, stderr, json } = options;
  const line = (stream: Writable, text: string) => stream.write(text.endsWith('\n') ? text : `${text}\n`);
  return {
    json,
    result: (data, text) => line(stdout, json ? JSON.stringify(data) : text),
    text: (text) => line(stdout, text),
    warn: (message) => line(stderr, `hush: warning: ${message}`),
    progress: (message) => {
      if (!json) line(stderr, `hush: ${message}`);
    },
    error(err, hint) {
      const d = describeError(err);
      if (json) {
        line(stdout, JSON.stringify({ error: { code: d.code, message: d.message } }));
      } else {
        line(stderr, `hush: ${d.message} (${d.code})`);
        if (hint !== undefined) line(stderr, hint);
        if (options.debug === true && err instanceof Error && err.stack !== undefined) line(stderr, err.stack);
      }
      return d.exitCode;
    },
  };
}
