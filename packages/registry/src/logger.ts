/** The small logging interface the registry and devnet take as a component. */
export interface Logger {
  info(message: string, details?: Readonly<Record<string, unknown>>): void;
  warn(message: string, details?: Readonly<Record<string, unknown>>): void;
  error(message: string, details?: Readonly<Record<string, unknown>>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** One line per event on stderr: `<iso time> <level> <message> <details as JSON>`. */
export function consoleLogger(name: string): Logger {
  const line = (level: string, message: string, details?: Readonly<Record<string, unknown>>): void => {
    const extra = details === undefined ? '' : ` ${JSON.stringify(details)}`;
    process.stderr.write(`${new Date().toISOString()} ${level} [${name}] ${message}${extra}\n`);
  };
  return {
    info: (m, d) => line('info', m, d),
    warn: (m, d) => line('warn', m, d),
    error: (m, d) => line('error', m, d),
  };
}
