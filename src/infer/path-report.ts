import type { ColumnDef } from '../mapper/column.js';
import type { ValueKind } from './value-kind.js';
import type { PathEvidence } from './shape.js';

/** What inference saw at one path and what it made of it, for the user to review. */
export interface PathReport {
  /** Absolute path, e.g. `/Application/Contacts/Contact/@type`. */
  readonly path: string;
  readonly evidence: PathEvidence;
  /** Values of each kind seen (samples only). */
  readonly kinds: Readonly<Partial<Record<ValueKind, number>>>;
  /** `table contact`, `column contact.email text(50) null`, or what the element does instead. */
  readonly mappedTo: string;
  /** Conflicts and limits, one sentence each. */
  readonly notes: readonly string[];
}

/** `text(50)`, `decimal(18,2)`, `integer`, with ` null` when nullable. */
export function typeLabel(def: ColumnDef): string {
  const size = def.type === 'text' && def.maxLength !== undefined ? `(${def.maxLength})` : def.type === 'decimal' ? `(${def.precision ?? 18},${def.scale ?? 2})` : '';
  return `${def.type}${size}${def.nullable ? ' null' : ''}`;
}

function occurrence(e: PathEvidence): string {
  if (e.kind === 'xsd') return `${e.minOccurs}..${e.maxOccurs === 'unbounded' ? '*' : e.maxOccurs}`;
  const share = e.of === 0 ? 0 : Math.round((100 * e.present) / e.of);
  return `${e.present}/${e.of} (${share}%)${e.maxRepeats > 1 ? ` ×${e.maxRepeats}` : ''}`;
}

function kindsLabel(r: PathReport): string {
  if (r.evidence.kind === 'xsd') return r.evidence.type ?? '';
  return Object.entries(r.kinds)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
}

/**
 * The report as an aligned text table: path, how often present (in how many parents, most
 * repeats under one), value kinds seen, what it maps to; notes under their path.
 */
export function formatPathReport(paths: readonly PathReport[]): string {
  const header = ['path', paths[0]?.evidence.kind === 'xsd' ? 'occurs' : 'present', paths[0]?.evidence.kind === 'xsd' ? 'type' : 'values seen', 'mapped to'];
  const rows = paths.map((r) => [r.path, occurrence(r.evidence), kindsLabel(r), r.mappedTo]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  const out = [line(header)];
  paths.forEach((r, i) => {
    out.push(line(rows[i]!));
    for (const n of r.notes) out.push(`  ! ${n}`);
  });
  return out.join('\n');
}
