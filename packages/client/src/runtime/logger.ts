/** The SDK's logger: structured, injectable, silent by default. */
export interface ClientLogger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
}

const noop = (): void => undefined;

export const silentClientLogger: ClientLogger = { debug: noop, info: noop, warn: noop };
