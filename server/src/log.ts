/** Structured logs (pino). CPR numbers never go in clear: `redact` masks the known fields. */
import pino from 'pino';

export type Logger = pino.Logger;

export function makeLogger(level: string): Logger {
  return pino({ level, redact: { paths: ['*.cpr', 'cpr', '*.*.cpr'], censor: '[cpr]' } });
}
