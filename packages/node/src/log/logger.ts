/**
 * Structured logs: one JSON object per line (`{"ts","level","event",...fields}`), to stderr or to
 * a file. `child(fields)` returns a logger that adds fields to every line.
 */
import { createWriteStream, type WriteStream } from 'node:fs';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const RANK: Readonly<Record<LogLevel, number>> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface Logger {
  debug(event: string, fields?: Readonly<Record<string, unknown>>): void;
  info(event: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(event: string, fields?: Readonly<Record<string, unknown>>): void;
  error(event: string, fields?: Readonly<Record<string, unknown>>): void;
  child(fields: Readonly<Record<string, unknown>>): Logger;
  /** Flushes and closes a file sink (no-op for stderr). */
  close(): Promise<void>;
}

export interface LoggerOptions {
  readonly level?: LogLevel;
  /** Append to this file instead of writing to stderr. */
  readonly file?: string;
  readonly clock?: () => number;
}

export function isLogLevel(value: unknown): value is LogLevel {
  return value === 'debug' || value === 'info' || value === 'warn' || value === 'error';
}

function errorFields(value: unknown): unknown {
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { name: value.name, message: value.message, ...(code === undefined ? {} : { code }) };
  }
  return value;
}

function serialize(record: Record<string, unknown>): string {
  try {
    return JSON.stringify(record, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : errorFields(v)));
  } catch {
    return JSON.stringify({ ts: record['ts'], level: record['level'], event: record['event'], unserializable: true });
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const min = RANK[options.level ?? 'info'];
  const clock = options.clock ?? Date.now;
  const stream: WriteStream | undefined = options.file === undefined ? undefined : createWriteStream(options.file, { flags: 'a' });
  const write = (line: string): void => {
    if (stream !== undefined) stream.write(line + '\n');
    else process.stderr.write(line + '\n');
  };
  const make = (base: Readonly<Record<string, unknown>>): Logger => {
    const emit = (level: LogLevel, event: string, fields?: Readonly<Record<string, unknown>>): void => {
      if (RANK[level] < min) return;
      write(serialize({ ts: new Date(clock()).toISOString(), level, event, ...base, ...fields }));
    };
    return {
      debug: (e, f) => emit('debug', e, f),
      info: (e, f) => emit('info', e, f),
      warn: (e, f) => emit('warn', e, f),
      error: (e, f) => emit('error', e, f),
      child: (fields) => make({ ...base, ...fields }),
      close: () =>
        new Promise<void>((resolve) => {
          if (stream === undefined || stream.closed) resolve();
          else stream.end(() => resolve());
        }),
    };
  };
  return make({});
}

/** A logger that drops everything (tests, benches). */
export function silentLogger(): Logger {
  const l: Logger = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
    child: () => l,
    close: () => Promise.resolve(),
  };
  return l;
}
