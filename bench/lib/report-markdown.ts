import type { ExperimentOutput } from './context.js';
import type { Machine } from './machine.js';
import { markdownTable } from '../../src/tune/table.js';
import type { TargetResult } from './targets.js';

export interface RunSummary {
  readonly command: string;
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly machine: Machine;
  readonly database: string;
  readonly settings: string;
  readonly outputs: readonly ExperimentOutput[];
  readonly failures: readonly { readonly name: string; readonly error: string }[];
  readonly targets: readonly TargetResult[];
  readonly recommended: readonly string[];
}

/**
 * The run as Markdown; charts are linked as `${chartPrefix}${file}`. `level` is the heading
 * level of the title (sections are one deeper).
 */
export function summaryMarkdown(s: RunSummary, chartPrefix: string, title = 'Sluice bench results', level = 1): string {
  const h = '#'.repeat(level + 1);
  const out: string[] = [`${'#'.repeat(level)} ${title}`, ''];
  const built = s.command.startsWith('npm run bench') ? '' : ' after `npm run build` (what `npm run bench` does)';
  out.push(`Run \`${s.command}\`${built} on ${s.startedAt}; it took ${formatDuration(s.durationSeconds)}.`, '');
  out.push(`${h} Machine`, '');
  out.push(`- \`nproc\`: ${s.machine.nproc} (${s.machine.cpu})`);
  out.push(`- \`node -v\`: ${s.machine.node}; ${s.machine.os}; SQLite ${s.machine.sqlite}`);
  out.push(`- database: ${s.database}`);
  out.push(`- measured settings: ${s.settings}`, '');
  out.push('```', '$ free -h', s.machine.freeH, '```', '');
  out.push(`${h} Targets (medium documents, SQLite, 2 workers)`, '');
  out.push(markdownTable({ title: '', columns: ['target', 'measured (side by side, this run)', 'result'], rows: s.targets.map((t) => [t.target, t.measured, t.status]) }), '');
  out.push(`${h} Recommended settings`, '');
  for (const r of s.recommended) out.push(`- ${r}`);
  out.push('');
  for (const o of s.outputs) {
    out.push(`${h} ${o.title}`, '');
    for (const t of o.tables) {
      out.push(`**${t.title}**`, '', markdownTable(t), '');
      if (t.note) out.push(`${t.note}`, '');
    }
    for (const n of o.notes) out.push(n, '');
    for (const c of o.charts) out.push(`![${c.title}](${chartPrefix}${c.file})`, '');
  }
  if (s.failures.length) {
    out.push(`${h} Experiments that failed`, '');
    for (const f of s.failures) out.push(`- ${f.name}: ${f.error.split('\n')[0]}`);
    out.push('');
  }
  return out.join('\n');
}

export function formatDuration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds - m * 60);
  return m ? `${m} min ${s} s` : `${s} s`;
}
