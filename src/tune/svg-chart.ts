// Small hand-written SVG charts: one line chart and one grouped bar chart cover every experiment,
// in ~150 lines with no dependency (a charting library would bring a DOM or a canvas for this).

export interface LineSeries {
  readonly name: string;
  readonly points: readonly (readonly [number, number])[];
}

export interface LineChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly LineSeries[];
  /** Horizontal reference lines (a target, a limit). */
  readonly marks?: readonly { readonly y: number; readonly label: string }[];
}

export interface BarChartOptions {
  readonly title: string;
  readonly yLabel: string;
  /** One group of bars per category. */
  readonly categories: readonly string[];
  /** One bar per series in each group; `values[i]` belongs to `categories[i]`. */
  readonly series: readonly { readonly name: string; readonly values: readonly number[] }[];
  /** Logarithmic y axis (values spanning several orders of magnitude). */
  readonly log?: boolean;
}

const W = 720;
const H = 400;
const M = { top: 44, right: 36, bottom: 64, left: 72 };
const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#4b5563'];

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function fmt(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e6) return `${+(v / 1e6).toPrecision(3)}M`;
  if (a >= 1e4) return `${+(v / 1e3).toPrecision(3)}k`;
  return `${+v.toPrecision(3)}`;
}

/** About `count` round tick values covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) hi = lo + 1;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((s) => s * mag >= raw) ?? 10) * mag;
  const ticks: number[] = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) ticks.push(+v.toPrecision(12));
  if (ticks[ticks.length - 1]! < hi) ticks.push(+(ticks[ticks.length - 1]! + step).toPrecision(12));
  return ticks;
}

/** `extra` px below the plot for slanted category labels. */
function frame(title: string, body: string[], legend: readonly string[], xLabel: string, yLabel: string, extra = 0): string {
  const h = H + extra;
  const items = legend.map((name, i) => {
    const x = M.left + i * 150;
    return `<rect x="${x}" y="${h - 18}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/><text x="${x + 16}" y="${h - 8}">${esc(name)}</text>`;
  });
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${h}" viewBox="0 0 ${W} ${h}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${h}" fill="#ffffff"/>`,
    `<text x="${W / 2}" y="24" text-anchor="middle" font-size="15" font-weight="bold">${esc(title)}</text>`,
    ...body,
    `<text x="${M.left + (W - M.left - M.right) / 2}" y="${h - 30}" text-anchor="middle">${esc(xLabel)}</text>`,
    `<text transform="translate(16 ${M.top + (H - M.top - M.bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>`,
    ...items,
    '</svg>',
    '',
  ].join('\n');
}

function yAxis(ticks: readonly number[], y: (v: number) => number): string[] {
  return ticks.map(
    (t) =>
      `<line x1="${M.left}" x2="${W - M.right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#e5e7eb"/>` +
      `<text x="${M.left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`,
  );
}

/** A line chart, one polyline (with a dot per point) per series. */
export function lineChart(o: LineChartOptions): string {
  const pts = o.series.flatMap((s) => s.points);
  const xs = pts.map((p) => p[0]);
  const ys = [...pts.map((p) => p[1]), ...(o.marks ?? []).map((m) => m.y)];
  const xt = niceTicks(Math.min(0, ...xs), Math.max(1, ...xs));
  const yt = niceTicks(Math.min(0, ...ys), Math.max(1, ...ys));
  const [x0, x1, y0, y1] = [xt[0]!, xt[xt.length - 1]!, yt[0]!, yt[yt.length - 1]!];
  const x = (v: number) => M.left + ((v - x0) / (x1 - x0)) * (W - M.left - M.right);
  const y = (v: number) => H - M.bottom - ((v - y0) / (y1 - y0)) * (H - M.top - M.bottom);
  const body = [...yAxis(yt, y)];
  for (const t of xt) body.push(`<text x="${x(t).toFixed(1)}" y="${H - M.bottom + 16}" text-anchor="middle">${fmt(t)}</text>`);
  body.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#111827"/>`);
  for (const m of o.marks ?? []) {
    body.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${y(m.y).toFixed(1)}" y2="${y(m.y).toFixed(1)}" stroke="#6b7280" stroke-dasharray="6 4"/>`);
    body.push(`<text x="${W - M.right - 4}" y="${(y(m.y) - 5).toFixed(1)}" text-anchor="end" fill="#374151">${esc(m.label)}</text>`);
  }
  o.series.forEach((s, i) => {
    const c = COLORS[i % COLORS.length]!;
    const p = s.points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`);
    body.push(`<polyline fill="none" stroke="${c}" stroke-width="2" points="${p.join(' ')}"/>`);
    if (s.points.length <= 60) for (const q of p) body.push(`<circle cx="${q.split(',')[0]}" cy="${q.split(',')[1]}" r="3" fill="${c}"/>`);
  });
  return frame(o.title, body, o.series.map((s) => s.name), o.xLabel, o.yLabel);
}

/** A grouped bar chart with each bar's value written above it. */
export function barChart(o: BarChartOptions): string {
  const values = o.series.flatMap((s) => s.values).filter((v) => Number.isFinite(v));
  const log = o.log === true;
  const positive = values.filter((v) => v > 0);
  const yt = log ? decades(Math.min(1, ...positive), Math.max(10, ...positive)) : niceTicks(0, Math.max(1, ...values));
  const [y0, y1] = [yt[0]!, yt[yt.length - 1]!];
  const scale = (v: number) => (log ? (Math.log10(Math.max(v, y0)) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0)) : (v - y0) / (y1 - y0));
  const y = (v: number) => H - M.bottom - scale(v) * (H - M.top - M.bottom);
  const groupW = (W - M.left - M.right) / Math.max(1, o.categories.length);
  const barW = Math.min(56, (groupW * 0.8) / Math.max(1, o.series.length));
  // Labels wider than their group are slanted, with room made below the plot.
  const slanted = o.categories.some((c) => c.length * 6.5 > groupW);
  const body = [...yAxis(yt, y)];
  o.categories.forEach((cat, g) => {
    const gx = M.left + g * groupW + (groupW - barW * o.series.length) / 2;
    o.series.forEach((s, i) => {
      const v = s.values[g] ?? 0;
      const top = y(v);
      const bx = gx + i * barW;
      body.push(`<rect x="${bx.toFixed(1)}" y="${top.toFixed(1)}" width="${(barW - 2).toFixed(1)}" height="${(H - M.bottom - top).toFixed(1)}" fill="${COLORS[i % COLORS.length]}"><title>${esc(`${cat} ${s.name}: ${v}`)}</title></rect>`);
      body.push(`<text x="${(bx + barW / 2).toFixed(1)}" y="${(top - 4).toFixed(1)}" text-anchor="middle" font-size="10">${fmt(v)}</text>`);
    });
    const cx = (M.left + g * groupW + groupW / 2).toFixed(1);
    body.push(
      slanted
        ? `<text transform="translate(${cx} ${H - M.bottom + 14}) rotate(-30)" text-anchor="end">${esc(cat)}</text>`
        : `<text x="${cx}" y="${H - M.bottom + 16}" text-anchor="middle">${esc(cat)}</text>`,
    );
  });
  body.push(`<line x1="${M.left}" x2="${W - M.right}" y1="${H - M.bottom}" y2="${H - M.bottom}" stroke="#111827"/>`);
  return frame(o.title, body, o.series.length > 1 ? o.series.map((s) => s.name) : [], '', o.yLabel, slanted ? 110 : 0);
}

function decades(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) out.push(10 ** e);
  if (out.length < 2) out.push(out[0]! * 10);
  return out;
}
