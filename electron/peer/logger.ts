// The peer's log: one line per event on stderr, with a level and JSON detail, so a person
// (or a test) can read why a connection was closed or a file was set aside.

export interface PeerLogger {
  info(message: string, detail?: Record<string, unknown>): void;
  warn(message: string, detail?: Record<string, unknown>): void;
  error(message: string, detail?: Record<string, unknown>): void;
}

export function createLogger(write: (line: string) => void = (line) => process.stderr.write(`${line}\n`), quiet = false): PeerLogger {
  const log = (level: string, message: string, detail?: Record<string, unknown>) => {
    if (quiet && level === 'info') return;
    write(`[tandem ${level}] ${message}${detail ? ` ${JSON.stringify(detail)}` : ''}`);
  };
  return {
    info: (m, d) => log('info', m, d),
    warn: (m, d) => log('warn', m, d),
    error: (m, d) => log('error', m, d),
  };
}
