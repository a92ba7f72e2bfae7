import { pino, type DestinationStream, type Logger } from 'pino';

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  level: string;
  /** Where JSON lines go (stdout by default); tests pass a collecting stream. */
  destination?: DestinationStream;
}

/**
 * A pino JSON logger. Built per app (no singleton) so tests can run several
 * servers in one process and capture their logs.
 */
export function createLogger(opts: LoggerOptions): Logger {
  return pino({ level: opts.level, base: { service: 'kenes' } }, opts.destination);
}
