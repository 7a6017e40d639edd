import { pino } from 'pino';
import pretty from 'pino-pretty';
import type { Logger } from '../pipeline/logger.js';

/** Log levels the CLI accepts. */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * The CLI's logger: pino (fast, structured, and the de-facto Node logger) writing human-readable
 * lines to stderr, or JSON lines when stderr is not a terminal, so stdout stays for the summary.
 */
export function cliLogger(level: LogLevel): Logger {
  if (!process.stderr.isTTY) return pino({ level }, pino.destination({ fd: 2, sync: true }));
  return pino({ level }, pretty({ destination: 2, sync: true, colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' }));
}
