/** A table of already formatted cells; numeric-looking columns are right-aligned. */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** Printed under the table. */
  readonly note?: string;
}

const NUMERIC = /^[-+]?[\d,.]+\s*(%|×|ms|s|µs|MB|\/s)?$|^[-–]$/;

function rightAligned(t: Table, c: number): boolean {
  return t.rows.length > 0 && t.rows.every((r) => NUMERIC.test(r[c] ?? ''));
}

/** Fixed-width text for the terminal. */
export function formatTable(t: Table): string {
  const widths = t.columns.map((h, c) => Math.max(h.length, ...t.rows.map((r) => (r[c] ?? '').length)));
  const right = t.columns.map((_, c) => rightAligned(t, c));
  const line = (cells: readonly string[]) =>
    cells.map((cell, c) => (right[c] ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ').trimEnd();
  const out = [t.title, line(t.columns), widths.map((w) => '─'.repeat(w)).join('  '), ...t.rows.map(line)];
  if (t.note) out.push(t.note);
  return out.join('\n');
}

/** GitHub-flavoured Markdown. */
export function markdownTable(t: Table): string {
  const right = t.columns.map((_, c) => rightAligned(t, c));
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const out = [
    `| ${t.columns.map(esc).join(' | ')} |`,
    `|${right.map((r) => (r ? '---:' : '---')).join('|')}|`,
    ...t.rows.map((r) => `| ${t.columns.map((_, c) => esc(r[c] ?? '')).join(' | ')} |`),
  ];
  return out.join('\n');
}

/** 12,345 */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** A number with `digits` decimals. */
export function num(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** 0.734 → "73.4%" */
export function pct(x: number, digits = 1): string {
  return `${num(x * 100, digits)}%`;
}

/** 1.234 → "1.23×" */
export function ratio(x: number): string {
  return `${num(x, 2)}×`;
}

/** Milliseconds, with a precision that suits the size. */
export function ms(x: number): string {
  if (x >= 100) return `${int(x)} ms`;
  if (x >= 1) return `${num(x, 1)} ms`;
  return `${num(x, 3)} ms`;
}

/** CPU time per record of a load (all threads), e.g. "412 µs". */
export function cpuPerRecord(r: { readonly cpuMillis: number; readonly records: number }): string {
  return `${int((r.cpuMillis * 1000) / Math.max(1, r.records))} µs`;
}

/** Cores a load kept busy on average: CPU time over wall time, e.g. "1.62". */
export function coresUsed(r: { readonly cpuMillis: number; readonly wallMillis: number }): string {
  return num(r.cpuMillis / Math.max(1, r.wallMillis), 2);
}

/** Cores other processes used during a load, e.g. "0.85"; "–" where unknown. */
export function othersCores(r: { readonly otherCores: number | null }): string {
  return cores(r.otherCores);
}

/** A number of cores, e.g. "0.85"; "–" where unknown. */
export function cores(value: number | null): string {
  return value === null ? '–' : num(value, 2);
}
