import type { Command } from 'commander';
import type { ParseLimits } from '../xml/index.js';
import { intFlag } from './parse-flags.js';

/** The parse limits a command takes from its flags. */
export interface ParseLimitFlags {
  maxDocumentBytes?: number;
  maxElements?: number;
  rejectDoctype?: boolean;
}

/** Adds the parse-limit flags: `run` fails a document past them, `infer` leaves the sample out and names it. */
export function addParseLimitFlags(cmd: Command): Command {
  return cmd
    .option('--max-document-bytes <n>', 'fail documents larger than this (default 16 MiB)', intFlag(1))
    .option('--max-elements <n>', 'fail documents of more elements than this (default 150000; each costs ~100-230 bytes in a worker)', intFlag(1))
    .option('--reject-doctype', 'fail every document that has a DOCTYPE (default: process it, nothing external read)');
}

/** The `parse` option for the flags given, or undefined when none was. */
export function parseLimitsOf(f: ParseLimitFlags): Partial<ParseLimits> | undefined {
  if (f.maxDocumentBytes === undefined && f.maxElements === undefined && !f.rejectDoctype) return undefined;
  return {
    ...(f.maxDocumentBytes !== undefined && { maxDocumentBytes: f.maxDocumentBytes }),
    ...(f.maxElements !== undefined && { maxElements: f.maxElements }),
    ...(f.rejectDoctype && { doctype: 'reject' as const }),
  };
}
