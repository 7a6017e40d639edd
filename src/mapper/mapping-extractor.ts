import type { RecordKey } from '../core/record.js';
import { parseXmlInto, type ParseLimits, type XmlContentHandler } from '../xml/parse-xml.js';
import type { AttributeList } from '../xml/attribute-list.js';
import type { MappedTable, MappingSpec } from './define-mapping.js';

/** Where an extractor puts a record's rows: the worker's row collector. */
export interface ExtractTarget {
  readonly key: RecordKey;
  /** One row of table number `table` (the mapping's order), its values in column order. */
  emitValues(table: number, values: unknown[]): void;
}

/**
 * Loads one document's rows straight from the parser's events, without building its element
 * tree. It gives the rows the tree mapping gives, value for value; where a value would fail, it
 * throws, and the worker maps that record again through the tree for the error message.
 */
export type MappingExtractor = (payload: string | Uint8Array, limits: Partial<ParseLimits> | undefined, target: ExtractTarget) => void;

/** The property of a declarative mapping's Mapper that holds its extractor (shared by every copy of this module). */
export const EXTRACTOR = Symbol.for('sluice.mappingExtractor');

/** One step of a path: a local name, or a qualified one (`ns:Contact`) matched as written. */
interface Step {
  readonly name: string;
  readonly qualified: boolean;
}

/** An element reached from a row's element by first matches (`value()`'s walk): what is read there. */
interface ReadNode {
  readonly step: Step | null;
  readonly children: ReadNode[];
  /** Value slots filled with this element's text. */
  readonly texts: number[];
  /** Value slots filled with one of its attributes. */
  readonly attributes: { readonly slot: number; readonly name: string }[];
}

/** A path from the root (`from`, `of`): an optional root step, then child steps, fanning out. */
interface RootPath {
  /** The root element's step when the path starts with `/`; null for a path relative to the root. */
  readonly root: Step | null;
  readonly steps: readonly Step[];
}

type Fill =
  | { readonly kind: 'key'; readonly slot: number }
  | { readonly kind: 'index'; readonly slot: number }
  | { readonly kind: 'of'; readonly slot: number; readonly of: number }
  | { readonly kind: 'constant'; readonly slot: number; readonly value: unknown };

interface TablePlan {
  readonly index: number;
  readonly from: RootPath;
  readonly width: number;
  readonly fills: readonly Fill[];
  readonly read: ReadNode;
  /** Slots read as text that are NULL when blank (`emptyAsNull`). */
  readonly blankAsNull: readonly number[];
  /** Slots with a value for when their path selects nothing. */
  readonly defaults: readonly { readonly slot: number; readonly value: unknown }[];
}

/**
 * Compiles a declarative mapping into an extractor, or returns undefined when a path uses a
 * form only the tree answers (`.` or `..` steps inside a path), and the tree maps it.
 */
export function compileMapping(spec: MappingSpec): MappingExtractor | undefined {
  const ofPaths: RootPath[] = [];
  const ofIds = new Map<string, number>();
  const tables: TablePlan[] = [];
  let index = 0;
  for (const t of Object.values(spec.tables)) {
    const plan = compileTable(t, index++, (of) => {
      let id = ofIds.get(of);
      if (id === undefined) {
        const path = rootPath(of);
        if (path === undefined) return undefined;
        id = ofPaths.push(path) - 1;
        ofIds.set(of, id);
      }
      return id;
    });
    if (plan === undefined) return undefined;
    tables.push(plan);
  }
  const plans: CompiledPlans = {
    tables,
    fromWatches: tables.map((plan) => (plan.from.steps.length > 0 ? pathWatches(plan, -1, plan.from) : null)),
    ofPaths,
    ofWatches: ofPaths.map((path, o) => (path.steps.length > 0 ? pathWatches(null, o, path) : null)),
    ofDepths: ofPaths.map((path) => path.steps.length + 1),
  };
  return (payload, limits, target) => parseXmlInto(payload, limits, new Extraction(plans, target));
}

/** A mapping compiled: its tables and `of` paths, with the watches that follow their paths. */
interface CompiledPlans {
  readonly tables: readonly TablePlan[];
  /** Per table, the watch of its `from` path's first step below the root (null for the root itself). */
  readonly fromWatches: readonly (PathWatch | null)[];
  readonly ofPaths: readonly RootPath[];
  readonly ofWatches: readonly (PathWatch | null)[];
  /** Per `of` path, the depth of its elements (the root is 1). */
  readonly ofDepths: readonly number[];
}

function compileTable(t: MappedTable, index: number, ofId: (of: string) => number | undefined): TablePlan | undefined {
  const from = rootPath(t.from);
  if (from === undefined) return undefined;
  const fills: Fill[] = [];
  const read: ReadNode = { step: null, children: [], texts: [], attributes: [] };
  const blankAsNull: number[] = [];
  const defaults: { slot: number; value: unknown }[] = [];
  let slot = 0;
  for (const c of Object.values(t.columns)) {
    const s = slot++;
    if (c.value === '$key') fills.push({ kind: 'key', slot: s });
    else if (c.value === '$index' && c.of === undefined) fills.push({ kind: 'index', slot: s });
    else if (c.value === '$index') {
      const of = ofId(c.of!);
      if (of === undefined) return undefined;
      fills.push({ kind: 'of', slot: s, of });
    } else if (c.path === undefined) fills.push({ kind: 'constant', slot: s, value: c.constant });
    else if (!addRead(read, c.path, s)) return undefined;
    else {
      if (c.emptyAsNull) blankAsNull.push(s);
      if (c.default !== undefined) defaults.push({ slot: s, value: c.default });
    }
  }
  return { index, from, width: slot, fills, read, blankAsNull, defaults };
}

/** Adds a column's path (relative to the row's element) to the read tree; false for a form the extractor leaves to the tree. */
function addRead(root: ReadNode, path: string, slot: number): boolean {
  if (path === '.') {
    root.texts.push(slot);
    return true;
  }
  const parts = path.split('/');
  const last = parts[parts.length - 1]!;
  const attribute = last.startsWith('@') ? last.slice(1) : undefined;
  if (attribute !== undefined) {
    parts.pop();
    if (attribute === '' || attribute.startsWith(':')) return false;
  }
  let node = root;
  for (const part of parts) {
    const step = stepOf(part);
    if (step === undefined) return false;
    let child = node.children.find((c) => c.step!.name === step.name);
    if (!child) {
      // Which children were found is a bit mask (see Watch).
      if (node.children.length === MAX_CHILD_STEPS) return false;
      node.children.push((child = { step, children: [], texts: [], attributes: [] }));
    }
    node = child;
  }
  if (attribute !== undefined) node.attributes.push({ slot, name: attribute });
  else node.texts.push(slot);
  return true;
}

/** A `from` or `of` path: `.` (the root), name steps from the root, or `/Root/...`. */
function rootPath(path: string): RootPath | undefined {
  if (path === '.') return { root: null, steps: [] };
  const absolute = path.startsWith('/');
  const steps: Step[] = [];
  for (const part of (absolute ? path.slice(1) : path).split('/')) {
    const step = stepOf(part);
    if (step === undefined) return undefined;
    steps.push(step);
  }
  return absolute ? { root: steps[0]!, steps: steps.slice(1) } : { root: null, steps };
}

/** A name step, or undefined for `.`, `..`, an empty or an attribute step. */
function stepOf(part: string): Step | undefined {
  if (part === '' || part === '.' || part === '..' || part.startsWith('@')) return undefined;
  return { name: part, qualified: part.includes(':') };
}

/** Most distinct child steps read below one element (the bits of `taken`); past it, the tree maps. */
const MAX_CHILD_STEPS = 30;

function matches(step: Step, name: string, colon: number): boolean {
  if (step.qualified || colon < 0) return name === step.name;
  return name.length - colon - 1 === step.name.length && name.endsWith(step.name);
}

/** A row being read. */
interface Row {
  readonly plan: TablePlan;
  readonly values: unknown[];
}

/** A path from the root being followed: this element matched its first `step` steps (shared, allocated once per step). */
interface PathWatch {
  readonly kind: 0;
  /** A table's rows (`plan`), or the positions of an `of` path (`of`). */
  readonly plan: TablePlan | null;
  readonly of: number;
  readonly steps: readonly Step[];
  readonly step: number;
  /** The watch one step further, for a child that matches. */
  next: PathWatch | null;
}

/** A row's element or an element under it: the first child matching each of `node`'s children is read for `row`. */
interface ReadWatch {
  readonly kind: 1;
  readonly row: Row;
  readonly node: ReadNode;
  /** Bit c set once child step c has been found: later matches are not the first. */
  taken: number;
}

type Watch = PathWatch | ReadWatch;

/** The watches of a path, one per step below the root; the first is watched by the root. */
function pathWatches(plan: TablePlan | null, of: number, path: RootPath): PathWatch {
  let next: PathWatch | null = null;
  for (let step = path.steps.length - 1; step >= 0; step--) next = { kind: 0, plan, of, steps: path.steps, step, next };
  return next!;
}

/** One document's extraction: parser events in, rows out. */
class Extraction implements XmlContentHandler {
  /** Watches, as a stack: those of the element at depth d are [low[d], high[d]); `top` is the stack's height. */
  private readonly watches: Watch[] = [];
  private top = 0;
  private readonly low: number[] = [0];
  private readonly high: number[] = [0];
  /** Text targets, as a stack of (row, slot) pairs: those of the element at depth d are [textLow[d], textTop). */
  private readonly textRows: Row[] = [];
  private readonly textSlots: number[] = [];
  private textTop = 0;
  private readonly textLow: number[] = [0];
  /** Rows whose element is open, ended when it closes: by depth. */
  private readonly rowsAt: (Row[] | undefined)[] = [];
  /** Per table, rows started so far ($index). */
  private readonly counts: number[];
  /** Per `of` path, its elements so far, and the position of the one open (they all lie at one depth, so one at a time), else 0. */
  private readonly ofCounts: number[];
  private readonly ofOpen: number[];

  constructor(
    private readonly plans: CompiledPlans,
    private readonly target: ExtractTarget,
  ) {
    this.counts = plans.tables.map(() => 0);
    this.ofCounts = plans.ofPaths.map(() => 0);
    this.ofOpen = plans.ofPaths.map(() => 0);
  }

  open(name: string, colon: number, _uri: string, attributes: AttributeList, unprefixed: boolean, depth: number): void {
    const start = this.top;
    this.textLow[depth] = this.textTop;
    let rows: Row[] | undefined;
    if (depth === 1) {
      // The root: every path starts here. Positions first: a row's `of` may be its own element.
      const { ofPaths, ofWatches, tables, fromWatches } = this.plans;
      for (let o = 0; o < ofPaths.length; o++) {
        const path = ofPaths[o]!;
        if (path.root !== null && !matches(path.root, name, colon)) continue;
        if (path.steps.length === 0) this.ofOpen[o] = ++this.ofCounts[o]!;
        else this.watches[this.top++] = ofWatches[o]!;
      }
      for (let t = 0; t < tables.length; t++) {
        const plan = tables[t]!;
        const path = plan.from;
        if (path.root !== null && !matches(path.root, name, colon)) continue;
        if (path.steps.length === 0) (rows ??= []).push(this.startRow(plan, attributes, unprefixed));
        else this.watches[this.top++] = fromWatches[t]!;
      }
    } else {
      const watches = this.watches;
      const end = this.high[depth - 1]!;
      for (let w = this.low[depth - 1]!; w < end; w++) {
        const watch = watches[w]!;
        if (watch.kind === 0) {
          if (watch.plan === null && matches(watch.steps[watch.step]!, name, colon)) {
            if (watch.next === null) this.ofOpen[watch.of] = ++this.ofCounts[watch.of]!;
            else watches[this.top++] = watch.next;
          }
          continue;
        }
        const children = watch.node.children;
        for (let c = 0; c < children.length; c++) {
          const bit = 1 << c;
          if ((watch.taken & bit) !== 0 || !matches(children[c]!.step!, name, colon)) continue;
          watch.taken |= bit;
          this.read(watch.row, children[c]!, attributes, unprefixed);
        }
      }
      // Rows after positions, which they may read.
      for (let w = this.low[depth - 1]!; w < end; w++) {
        const watch = watches[w]!;
        if (watch.kind !== 0 || watch.plan === null || !matches(watch.steps[watch.step]!, name, colon)) continue;
        if (watch.next === null) (rows ??= []).push(this.startRow(watch.plan, attributes, unprefixed));
        else watches[this.top++] = watch.next;
      }
    }
    this.low[depth] = start;
    this.high[depth] = this.top;
    this.rowsAt[depth] = rows;
  }

  text(text: string, depth: number): void {
    const top = this.textTop;
    for (let i = this.textLow[depth]!; i < top; i++) {
      const values = this.textRows[i]!.values;
      const slot = this.textSlots[i]!;
      values[slot] = (values[slot] as string) + text;
    }
  }

  close(depth: number): void {
    const rows = this.rowsAt[depth];
    if (rows !== undefined) {
      this.rowsAt[depth] = undefined;
      for (let r = 0; r < rows.length; r++) this.endRow(rows[r]!);
    }
    this.top = this.low[depth]!;
    this.textTop = this.textLow[depth]!;
    // Whatever closes at the depth of a path's elements, none of them is open any more.
    const ofDepths = this.plans.ofDepths;
    for (let o = 0; o < ofDepths.length; o++) if (ofDepths[o] === depth) this.ofOpen[o] = 0;
  }

  private startRow(plan: TablePlan, attributes: AttributeList, unprefixed: boolean): Row {
    const values: unknown[] = new Array<unknown>(plan.width);
    const row: Row = { plan, values };
    const n = ++this.counts[plan.index]!;
    for (const fill of plan.fills) {
      switch (fill.kind) {
        case 'key':
          values[fill.slot] = this.target.key;
          break;
        case 'index':
          values[fill.slot] = n;
          break;
        case 'of': {
          const open = this.ofOpen[fill.of]!;
          values[fill.slot] = open > 0 ? open : undefined;
          break;
        }
        case 'constant':
          values[fill.slot] = fill.value;
          break;
      }
    }
    this.read(row, plan.read, attributes, unprefixed);
    return row;
  }

  /** The element of `node` for `row` has opened: read what is read there, and watch its children. */
  private read(row: Row, node: ReadNode, attributes: AttributeList, unprefixed: boolean): void {
    const values = row.values;
    for (const a of node.attributes) values[a.slot] = attributes.lookup(a.name, unprefixed);
    for (const slot of node.texts) {
      values[slot] = '';
      this.textRows[this.textTop] = row;
      this.textSlots[this.textTop++] = slot;
    }
    if (node.children.length > 0) this.watches[this.top++] = { kind: 1, row, node, taken: 0 };
  }

  private endRow(row: Row): void {
    const values = row.values;
    for (const slot of row.plan.blankAsNull) {
      const v = values[slot];
      if (typeof v === 'string' && v.trim() === '') values[slot] = undefined;
    }
    for (const d of row.plan.defaults) if (values[d.slot] === undefined) values[d.slot] = d.value;
    this.target.emitValues(row.plan.index, values);
  }
}
