import type { TuneOutcome } from './run-tune.js';
import { barChart } from './svg-chart.js';
import { formatTable, int, pct } from './table.js';
import { asFlags } from './tune-settings.js';

/** The table `sluice tune` prints: one row per setting tried, grouped by knob. */
export function tuneTable(t: TuneOutcome): string {
  const rows: string[][] = [];
  for (const k of t.knobs) {
    const at = k.points.find((p) => p.value === t.defaults[k.option]) ?? k.points[0]!;
    for (const p of k.points) {
      rows.push([
        `${k.name} ${p.value}${p.value === k.recommendation.value ? ' ◀' : ''}`,
        int(p.settings.batchSize),
        int(p.settings.queueSize),
        int(p.rate.median),
        pct(p.rate.spread, 0),
        pct(p.rate.median / at.rate.median, 0),
        `${int(p.peakRssMb)} MB`,
        int(p.failed),
      ]);
    }
  }
  const notes = t.knobs.map((k) => `◀ ${k.name} ${k.recommendation.value}: ${k.recommendation.reason}${k.note ? ` (${k.note})` : ''}`);
  return formatTable({
    title: `sluice tune: ${int(t.sample.records)} sample records, median of ${t.repeats} run${t.repeats === 1 ? '' : 's'} per setting, one process each; the other knobs at their defaults`,
    columns: ['setting', 'batch', 'queue', 'records/s', 'spread', 'vs default', 'peak RSS', 'failed'],
    rows,
    note: notes.join('\n'),
  });
}

/** The closing lines: the machine's noise, the side-by-side check, and the line starting "Recommended". */
export function recommendedLines(t: TuneOutcome): string[] {
  const out = [
    t.noise === null
      ? `Noise: not measured (the defaults ran once); differences under ${pct(t.tolerance, 0)} count as ties. Use --repeats 2 or more before acting on the table.`
      : `Noise: the default settings differed by ${pct(t.noise, 0)} between ${t.knobs.length > 1 ? 'sweeps' : 'runs'}; differences under ${pct(t.tolerance, 0)} count as ties.`,
  ];
  if (t.check) {
    const { defaults, recommended, kept } = t.check;
    out.push(
      `Side by side: the combination ${int(recommended.median)} records/s against ${int(defaults.median)} with the defaults` +
        (kept === 'defaults' ? ': not faster together, so the defaults are kept.' : ` (${pct(recommended.median / defaults.median - 1, 0)}).`),
    );
  }
  const changed = (Object.keys(t.recommended) as (keyof typeof t.recommended)[]).filter((k) => t.recommended[k] !== t.defaults[k]);
  out.push(
    changed.length === 0
      ? `Recommended: the defaults (${asFlags(t.recommended)}): no setting was measurably faster on this sample.`
      : `Recommended: ${asFlags(t.recommended)}`,
  );
  return out;
}

/** tune.svg: median records/s of every setting tried, peak RSS under each bar. */
export function tuneChart(t: TuneOutcome): string {
  const points = t.knobs.flatMap((k) => k.points.map((p) => ({ label: `${k.name} ${p.value} (${int(p.peakRssMb)} MB)`, rate: p.rate.median })));
  return barChart({
    title: `sluice tune: records/s per setting (${int(t.sample.records)} records, median of ${t.repeats})`,
    yLabel: 'records/s',
    categories: points.map((p) => p.label),
    series: [{ name: 'records/s', values: points.map((p) => p.rate) }],
  });
}
