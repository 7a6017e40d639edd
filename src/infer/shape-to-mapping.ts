import type { ColumnDef } from '../mapper/column.js';
import type { MappedColumn, MappedTable, MappingSpec } from '../mapper/define-mapping.js';
import { typeLabel, type PathReport } from './path-report.js';
import type { ShapeNode } from './shape.js';
import { NameScope, sqlName, type SqlDialect } from './sql-names.js';

/** How the shape becomes tables. */
export interface MappingNames {
  readonly dialect: SqlDialect;
  /** Name of the record-key column in every table. */
  readonly keyColumn: string;
  /** Its type, from the sample keys or the source. */
  readonly keyDef: ColumnDef;
  /** Table names not to use (the checkpoint log, the queue). */
  readonly reservedTables: readonly string[];
}

/** A column waiting for its name: the steps from its table's element, for naming and its path. */
interface Candidate {
  readonly steps: readonly ShapeNode[];
  readonly node: ShapeNode;
  readonly def: ColumnDef;
}

interface Parent {
  readonly name: string;
  readonly from: string;
  readonly isRoot: boolean;
}

const POSITION = 'position';

/**
 * Turns a shape into a declarative mapping: a table for the root; a child table for every
 * element that repeats, carrying the record key, its parent row's position (`$index` of the
 * parent's `from`) and its own position, which is unique within a record; a typed column for
 * every attribute and every element with a value in between, nullable when absent somewhere.
 */
export function shapeToMapping(root: ShapeNode, names: MappingNames): { mapping: MappingSpec; paths: PathReport[] } {
  const tableScope = new NameScope(names.dialect, names.reservedTables);
  const tables: Record<string, MappedTable> = {};
  const paths: PathReport[] = [];

  const report = (node: ShapeNode, path: string, mappedTo: string) =>
    paths.push({ path, evidence: node.evidence, kinds: node.value?.kinds ?? {}, mappedTo, notes: node.notes });

  const buildTable = (node: ShapeNode, from: string, path: string, parent: Parent | undefined): void => {
    const base = sqlName(node.localName, names.dialect);
    const tableName = tableScope.claim(parent && tableScope.has(base) ? sqlName(`${parent.name}_${base}`, names.dialect) : base);
    report(node, path, `table ${tableName}`);
    const cols = new NameScope(names.dialect);
    const columns: Record<string, MappedColumn> = {};
    const keyColumn = cols.claim(sqlName(names.keyColumn, names.dialect));
    columns[keyColumn] = { value: '$key', ...names.keyDef, nullable: false };
    const primaryKey = [keyColumn];
    if (parent && !parent.isRoot) {
      columns[cols.claim(sqlName(`${parent.name}_${POSITION}`, names.dialect))] = { value: '$index', of: parent.from, type: 'integer', nullable: false };
    }
    if (parent) {
      const position = cols.claim(POSITION);
      columns[position] = { value: '$index', type: 'integer', nullable: false };
      primaryKey.push(position);
    }
    const candidates: Candidate[] = [];
    const nested: { node: ShapeNode; steps: readonly ShapeNode[] }[] = [];
    const collect = (n: ShapeNode, steps: readonly ShapeNode[], optional: boolean, mixed: boolean) => {
      if (n.value) {
        const nullable = optional || n.value.def.nullable || mixed || (!n.isAttribute && n.children.some((c) => !c.isAttribute));
        candidates.push({ steps, node: n, def: { ...n.value.def, nullable } });
      }
      for (const c of n.children) {
        if (c.repeated && !c.isAttribute) nested.push({ node: c, steps: [...steps, c] });
        else collect(c, [...steps, c], optional || c.optional, false);
      }
    };
    collect(node, [], false, false);
    const named = nameCandidates(candidates, node, names.dialect);
    for (const [i, c] of candidates.entries()) {
      const cname = cols.claim(named[i]!);
      const rel = c.steps.map((s) => s.step).join('/') || '.';
      columns[cname] = { path: rel, ...c.def };
      if (c.steps.length > 0) report(c.node, `${path}/${rel}`, `column ${tableName}.${cname} ${typeLabel(c.def)}`);
    }
    reportGroups(node, path, tableName, report);
    tables[tableName] = { from, keyColumn, primaryKey, columns };
    for (const n of nested) {
      const rel = n.steps.map((s) => s.step).join('/');
      buildTable(n.node, from === '.' ? rel : `${from}/${rel}`, `${path}/${rel}`, { name: tableName, from, isRoot: parent === undefined });
    }
  };

  buildTable(root, '.', `/${root.step}`, undefined);
  return { mapping: { tables }, paths: paths.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/** Elements between a table's element and its columns, reported as grouping (their columns are flattened). */
function reportGroups(node: ShapeNode, path: string, table: string, report: (n: ShapeNode, p: string, m: string) => void): void {
  for (const c of node.children) {
    if (c.isAttribute || c.repeated) continue;
    const p = `${path}/${c.step}`;
    if (!c.value) report(c, p, `(its children are columns of ${table})`);
    reportGroups(c, p, table, report);
  }
}

/**
 * Column names: the element's or attribute's own name, with enclosing element names put in front
 * only where two columns would otherwise share a name (`Applicant/Name` and `Employer/Name` become
 * `applicant_name` and `employer_name`; a lone `Applicant/LastName` is `last_name`).
 */
function nameCandidates(candidates: readonly Candidate[], table: ShapeNode, dialect: SqlDialect): string[] {
  const depth = candidates.map(() => 1);
  const nameOf = (c: Candidate, d: number) => {
    const steps = c.steps.length === 0 ? [table] : c.steps;
    return sqlName(steps.slice(-d).map((s) => s.localName).join('_'), dialect);
  };
  for (let round = 0; round < 32; round++) {
    const current = candidates.map((c, i) => nameOf(c, depth[i]!));
    const count = new Map<string, number>();
    for (const n of current) count.set(n, (count.get(n) ?? 0) + 1);
    let changed = false;
    candidates.forEach((c, i) => {
      if (count.get(current[i]!)! > 1 && depth[i]! < Math.max(1, c.steps.length)) {
        depth[i] = depth[i]! + 1;
        changed = true;
      }
    });
    if (!changed) return current;
  }
  return candidates.map((c, i) => nameOf(c, depth[i]!));
}
