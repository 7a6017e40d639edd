import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { pipeline } from '../pipeline/pipeline.js';
import type { PipelineOptions } from '../pipeline/options.js';
import type { RunReport } from '../pipeline/run-report.js';
import { showProgressBar } from './progress-bar.js';
import { formatSummary } from './print-summary.js';
import { EXIT } from './usage-error.js';

/** How the CLI shows a run. */
export interface Display {
  /** Where to write the JSON report; false for none. */
  readonly metricsOut: string | false;
  /** Show a progress bar (only on a terminal). */
  readonly progress: boolean;
}

/**
 * Runs a pipeline the way the CLI does: SIGINT/SIGTERM stop reading and commit what is in
 * flight; a second signal exits at once (still safe: the next run resumes). Returns the exit code.
 */
export async function executeRun(options: Omit<PipelineOptions, 'signal'>, display: Display): Promise<{ code: number; report: RunReport }> {
  const ac = new AbortController();
  let signalled: NodeJS.Signals | undefined;
  const onSignal = (sig: NodeJS.Signals) => {
    if (signalled) {
      process.stderr.write(`\n${sig} again: exiting now; the next run resumes from the last commit.\n`);
      process.exit(sig === 'SIGINT' ? EXIT.sigint : EXIT.sigterm);
    }
    signalled = sig;
    process.stderr.write(`\n${sig}: finishing the records in flight (press again to exit at once)...\n`);
    ac.abort(sig);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const bar = display.progress && process.stderr.isTTY;
  const load = pipeline({ ...options, countTotal: bar, signal: ac.signal });
  const stopBar = bar ? showProgressBar(load.progress$) : () => {};
  let report: RunReport;
  try {
    report = await load.run();
  } finally {
    stopBar();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  let file: string | undefined;
  if (display.metricsOut) {
    file = display.metricsOut.replace('{runId}', report.runId);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  }
  process.stdout.write(`${formatSummary(report, file)}\n`);
  const code =
    report.status.state === 'completed' ? EXIT.ok : report.status.state === 'stopped' ? EXIT.failed : signalled === 'SIGTERM' ? EXIT.sigterm : EXIT.sigint;
  return { code, report };
}
