import { parseXml, type XmlElement } from '../xml/index.js';
import type { GuessedType } from './column-guess.js';
import type { ShapeNode } from './shape.js';
import { builtinColumn, type Facets } from './xsd-types.js';

const XS = 'http://www.w3.org/2001/XMLSchema';

interface Occurs {
  readonly min: number;
  /** Infinity for unbounded. */
  readonly max: number;
}

interface Content {
  readonly children: ShapeNode[];
  readonly value?: GuessedType;
  readonly notes: string[];
}

function occursOf(el: XmlElement): Occurs {
  const min = el.attr('minOccurs');
  const max = el.attr('maxOccurs');
  return { min: min === undefined ? 1 : Number(min), max: max === undefined ? 1 : max === 'unbounded' ? Infinity : Number(max) };
}

const local = (qname: string) => qname.slice(qname.indexOf(':') + 1);
const xsChildren = (el: XmlElement) => el.children.filter((c) => c.uri === XS);

/** The namespace a QName's prefix is bound to where it is written. */
function namespaceOf(qname: string, at: XmlElement): string {
  const colon = qname.indexOf(':');
  const attr = colon < 0 ? 'xmlns' : `xmlns:${qname.slice(0, colon)}`;
  for (let e: XmlElement | null = at; e !== null; e = e.parent) {
    const uri = e.attrs[attr];
    if (uri !== undefined) return uri;
  }
  return '';
}

/**
 * Reads an XML Schema into the shape inference maps to tables: element declarations (global,
 * local, `ref`), complex types (`sequence`, `choice`, `all`, groups, attributes and attribute
 * groups, simple content, extension of a complex type), simple types and their restrictions
 * (length, digits, enumerations). Occurrences multiply through nested groups: an element in an
 * unbounded sequence repeats, one in a choice of several is optional. What it cannot map
 * (`any`, imports, lists, recursion) is said in the notes of the path where it was met.
 */
export class XsdShape {
  private readonly elements = new Map<string, XmlElement>();
  private readonly complexTypes = new Map<string, XmlElement>();
  private readonly simpleTypes = new Map<string, XmlElement>();
  private readonly groups = new Map<string, XmlElement>();
  private readonly attributeGroups = new Map<string, XmlElement>();
  private readonly globalNotes: string[] = [];

  constructor(xsd: string) {
    const schema = parseXml(xsd).root;
    if (schema.uri !== XS || schema.local !== 'schema') throw new RangeError(`not an XML Schema: the root element is <${schema.name}>, not <xs:schema> in ${XS}`);
    const tables: Record<string, Map<string, XmlElement>> = {
      element: this.elements,
      complexType: this.complexTypes,
      simpleType: this.simpleTypes,
      group: this.groups,
      attributeGroup: this.attributeGroups,
    };
    for (const c of xsChildren(schema)) {
      const name = c.attr('name');
      if (name !== undefined && tables[c.local]) tables[c.local]!.set(name, c);
      else if (c.local === 'include' || c.local === 'import' || c.local === 'redefine' || c.local === 'override') {
        this.globalNotes.push(`xs:${c.local} ${c.attr('schemaLocation') ?? c.attr('namespace') ?? ''} not read: types from it load as text`.replace('  ', ' '));
      }
    }
  }

  /** The shape of the document whose root is global element `root` (default: the first one). */
  shape(root?: string): ShapeNode {
    const names = [...this.elements.keys()];
    const name = root ?? names[0];
    const decl = name === undefined ? undefined : this.elements.get(name);
    if (!decl) throw new RangeError(root ? `the schema has no global element "${root}"; it has: ${names.join(', ') || 'none'}` : 'the schema declares no global element');
    const notes = [...this.globalNotes];
    if (!root && names.length > 1) notes.push(`the schema has ${names.length} global elements (${names.join(', ')}); the root was taken to be ${name}`);
    const node = this.element(decl, { min: 1, max: 1 }, new Set());
    return { ...node, notes: [...notes, ...node.notes] };
  }

  private element(decl: XmlElement, occurs: Occurs, stack: ReadonlySet<XmlElement>): ShapeNode {
    const ref = decl.attr('ref');
    const target = ref === undefined ? decl : this.elements.get(local(ref));
    const name = ref === undefined ? (decl.attr('name') ?? '') : local(ref);
    const base = { step: name, localName: name, isAttribute: false, repeated: occurs.max > 1, optional: occurs.min === 0, namespaces: [] as string[] };
    const evidence = (type?: string) => ({ kind: 'xsd' as const, minOccurs: occurs.min, maxOccurs: occurs.max === Infinity ? ('unbounded' as const) : occurs.max, ...(type && { type }) });
    if (!target) return { ...base, children: [], evidence: evidence(), notes: [`element ref="${ref}" not found in this schema: not mapped`] };
    if (stack.has(target)) return { ...base, children: [], evidence: evidence(), notes: [`<${name}> contains itself: not expanded below here`] };
    const inner = new Set(stack).add(target);
    const nillable = target.attr('nillable') === 'true';
    const type = target.attr('type');
    let content: Content;
    if (type !== undefined) content = this.typeContent(type, target, inner);
    else {
      const ct = xsChildren(target).find((c) => c.local === 'complexType');
      const st = xsChildren(target).find((c) => c.local === 'simpleType');
      content = ct ? this.complexContent(ct, inner) : st ? this.simpleValue(st, {}) : this.simpleValue('anySimpleType', {});
    }
    const value = content.value && nillable ? { ...content.value, def: { ...content.value.def, nullable: true } } : content.value;
    return { ...base, ...(value && { value }), children: content.children, evidence: evidence(type), notes: content.notes };
  }

  /** The content of a named type: built-in, simple or complex. */
  private typeContent(type: string, at: XmlElement, stack: ReadonlySet<XmlElement>): Content {
    if (namespaceOf(type, at) === XS) return this.simpleValue(local(type), {});
    const ct = this.complexTypes.get(local(type));
    if (ct) {
      if (stack.has(ct)) return { children: [], notes: [`type ${type} contains itself: not expanded below here`] };
      return this.complexContent(ct, new Set(stack).add(ct));
    }
    const st = this.simpleTypes.get(local(type));
    if (st) return this.simpleValue(st, {});
    return { ...this.simpleValue('string', {}), notes: [`type ${type} is not in this schema: loaded as text`] };
  }

  /** A simple type (built-in name or `xs:simpleType`) as a column type; outer facets win over the base's. */
  private simpleValue(st: XmlElement | string, facets: Facets): Content {
    if (typeof st === 'string') {
      const { def, note } = builtinColumn(st, facets);
      return { children: [], value: { def, kinds: {} }, notes: note ? [note] : [] };
    }
    const restriction = xsChildren(st).find((c) => c.local === 'restriction');
    if (!restriction) {
      const kind = xsChildren(st).find((c) => c.local === 'list' || c.local === 'union')?.local ?? 'simple type';
      return { ...this.simpleValue('string', {}), notes: [`xs:${kind} loaded as text`] };
    }
    const own = facetsOf(restriction);
    const merged: Facets = { ...own, ...facets };
    const baseName = restriction.attr('base');
    if (baseName === undefined) {
      const inline = xsChildren(restriction).find((c) => c.local === 'simpleType');
      return inline ? this.simpleValue(inline, merged) : this.simpleValue('string', merged);
    }
    if (namespaceOf(baseName, restriction) === XS) return this.simpleValue(local(baseName), merged);
    const named = this.simpleTypes.get(local(baseName));
    return named ? this.simpleValue(named, merged) : { ...this.simpleValue('string', merged), notes: [`type ${baseName} is not in this schema: loaded as text`] };
  }

  private complexContent(ct: XmlElement, stack: ReadonlySet<XmlElement>): Content {
    const out: Content = { children: [], notes: [] };
    let value: GuessedType | undefined = ct.attr('mixed') === 'true' ? { def: { type: 'text', nullable: true }, kinds: {} } : undefined;
    const visit = (parent: XmlElement) => {
      for (const c of xsChildren(parent)) {
        switch (c.local) {
          case 'sequence':
          case 'choice':
          case 'all':
          case 'group':
            out.children.push(...this.particles(c, { min: 1, max: 1 }, stack, out.notes));
            break;
          case 'attribute':
            this.attribute(c, out);
            break;
          case 'attributeGroup':
            this.attributeGroup(c, out);
            break;
          case 'anyAttribute':
            out.notes.push('xs:anyAttribute: attributes it allows are not mapped');
            break;
          case 'simpleContent': {
            const ext = xsChildren(c).find((x) => x.local === 'extension' || x.local === 'restriction');
            const b = ext?.attr('base');
            if (ext && b !== undefined) {
              const v = this.typeContent(b, ext, stack);
              value = v.value;
              out.notes.push(...v.notes);
              out.children.push(...v.children.filter((n) => n.isAttribute));
              visit(ext);
            }
            break;
          }
          case 'complexContent': {
            const ext = xsChildren(c).find((x) => x.local === 'extension' || x.local === 'restriction');
            const b = ext?.attr('base');
            if (ext?.local === 'extension' && b !== undefined && namespaceOf(b, ext) !== XS) {
              const v = this.typeContent(b, ext, stack);
              out.children.push(...v.children);
              out.notes.push(...v.notes);
            }
            if (ext) visit(ext);
            break;
          }
        }
      }
    };
    visit(ct);
    return value ? { ...out, value } : out;
  }

  /** Elements of a model group, their occurrences multiplied by the group's (and made optional in a choice). */
  private particles(group: XmlElement, outer: Occurs, stack: ReadonlySet<XmlElement>, notes: string[]): ShapeNode[] {
    let g = group;
    if (group.local === 'group') {
      const ref = group.attr('ref');
      const def = ref === undefined ? undefined : this.groups.get(local(ref));
      const model = def && xsChildren(def).find((c) => c.local === 'sequence' || c.local === 'choice' || c.local === 'all');
      if (!model) {
        notes.push(`group ${ref ?? '(unnamed)'} not found in this schema: not mapped`);
        return [];
      }
      g = model;
    }
    const own = occursOf(group);
    const occurs = { min: own.min * outer.min, max: own.max * outer.max };
    const members = xsChildren(g).filter((c) => c.local !== 'annotation');
    const inChoice = g.local === 'choice' && members.length > 1;
    const nodes: ShapeNode[] = [];
    for (const m of members) {
      if (m.local === 'element') {
        const e = occursOf(m);
        nodes.push(this.element(m, { min: inChoice ? 0 : e.min * occurs.min, max: e.max * occurs.max }, stack));
      } else if (m.local === 'sequence' || m.local === 'choice' || m.local === 'all' || m.local === 'group') {
        nodes.push(...this.particles(m, { min: inChoice ? 0 : occurs.min, max: occurs.max }, stack, notes));
      } else if (m.local === 'any') {
        notes.push('xs:any: elements it allows are not mapped');
      }
    }
    return nodes;
  }

  private attribute(a: XmlElement, out: Content): void {
    const ref = a.attr('ref');
    const name = a.attr('name') ?? (ref === undefined ? undefined : ref);
    if (name === undefined || a.attr('use') === 'prohibited') return;
    const type = a.attr('type');
    const inline = xsChildren(a).find((c) => c.local === 'simpleType');
    const v = type !== undefined ? this.typeContent(type, a, new Set()) : inline ? this.simpleValue(inline, {}) : this.simpleValue('string', {});
    const optional = a.attr('use') !== 'required';
    out.children.push({
      step: `@${name}`,
      localName: local(name),
      isAttribute: true,
      repeated: false,
      optional,
      ...(v.value && { value: v.value }),
      children: [],
      evidence: { kind: 'xsd', minOccurs: optional ? 0 : 1, maxOccurs: 1, ...(type && { type }) },
      namespaces: [],
      notes: v.notes,
    });
  }

  private attributeGroup(ref: XmlElement, out: Content): void {
    const name = ref.attr('ref');
    const g = name === undefined ? undefined : this.attributeGroups.get(local(name));
    if (!g) return void out.notes.push(`attributeGroup ${name ?? '(unnamed)'} not found in this schema: not mapped`);
    for (const c of xsChildren(g)) {
      if (c.local === 'attribute') this.attribute(c, out);
      else if (c.local === 'attributeGroup') this.attributeGroup(c, out);
    }
  }
}

function facetsOf(restriction: XmlElement): Facets {
  const n = (name: string) => {
    const f = xsChildren(restriction).find((c) => c.local === name)?.attr('value');
    return f === undefined ? undefined : Number(f);
  };
  const enums = xsChildren(restriction)
    .filter((c) => c.local === 'enumeration')
    .map((c) => (c.attr('value') ?? '').length);
  const maxLength = n('maxLength') ?? n('length');
  const totalDigits = n('totalDigits');
  const fractionDigits = n('fractionDigits');
  return {
    ...(maxLength !== undefined && { maxLength }),
    ...(totalDigits !== undefined && { totalDigits }),
    ...(fractionDigits !== undefined && { fractionDigits }),
    ...(enums.length > 0 && { enumerationLength: Math.max(...enums) }),
  };
}
