import type { XmlElement } from '../xml/index.js';
import { ColumnGuess } from './column-guess.js';
import type { ShapeNode } from './shape.js';

/** Attributes that are markup, not data: namespace declarations and the XML Schema instance ones. */
function isMarkupAttribute(name: string): boolean {
  return name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:');
}

/** What was seen at one path across the samples. */
class PathStats {
  readonly elements = new Map<string, PathStats>();
  readonly attributes = new Map<string, PathStats>();
  readonly text = new ColumnGuess();
  /** Elements (or attributes) seen at this path. */
  occurrences = 0;
  /** Parent elements that had it. */
  present = 0;
  maxRepeats = 0;
  /** Instances with child elements. */
  withChildren = 0;
  /** Namespace URIs of the elements seen here (`''` for none). */
  readonly namespaces = new Set<string>();

  constructor(
    readonly localName: string,
    readonly isAttribute: boolean,
  ) {}

  /** Children by local name: mapping paths match elements by local name, whatever their namespace. */
  element(el: XmlElement): PathStats {
    let s = this.elements.get(el.local);
    if (!s) this.elements.set(el.local, (s = new PathStats(el.local, false)));
    return s;
  }

  attribute(name: string): PathStats {
    let s = this.attributes.get(name);
    if (!s) this.attributes.set(name, (s = new PathStats(name.slice(name.indexOf(':') + 1), true)));
    return s;
  }

  observe(el: XmlElement): void {
    this.namespaces.add(el.uri);
    for (const name in el.attrs) {
      if (isMarkupAttribute(name)) continue;
      const a = this.attribute(name);
      a.occurrences++;
      a.present++;
      a.maxRepeats = 1;
      a.text.add(el.attrs[name]!);
    }
    if (el.children.length === 0) {
      this.text.add(el.text());
      return;
    }
    this.withChildren++;
    if (el.text().trim() !== '') this.text.add(el.text());
    const groups = new Map<PathStats, number>();
    for (const c of el.children) {
      const s = this.element(c);
      groups.set(s, (groups.get(s) ?? 0) + 1);
      s.occurrences++;
      s.observe(c);
    }
    for (const [s, n] of groups) {
      s.present++;
      s.maxRepeats = Math.max(s.maxRepeats, n);
    }
  }

  toShape(parentOccurrences: number, step: string, parentNamespaces: ReadonlySet<string> = new Set()): ShapeNode {
    const notes: string[] = [];
    const children: ShapeNode[] = [];
    for (const [name, a] of this.attributes) children.push(a.toShape(this.occurrences, `@${name}`));
    for (const s of this.elements.values()) children.push(s.toShape(this.occurrences, s.localName, this.namespaces));
    // Said where a mix of namespaces starts, not again on every element below it.
    const sameAsParent = this.namespaces.size === parentNamespaces.size && [...this.namespaces].every((n) => parentNamespaces.has(n));
    if (this.namespaces.size > 1 && !sameAsParent) {
      notes.push(`seen in namespaces ${[...this.namespaces].map((n) => JSON.stringify(n)).join(' and ')}; paths match by local name, so all of them load here`);
    }
    const carriesValue = this.text.hasContent || (!this.isAttribute && this.withChildren === 0 && this.attributes.size === 0) || this.isAttribute;
    const value = carriesValue ? this.text.guess() : undefined;
    if (value?.conflict) notes.push(value.conflict);
    return {
      step,
      localName: this.localName,
      isAttribute: this.isAttribute,
      repeated: this.maxRepeats > 1,
      optional: this.present < parentOccurrences,
      ...(value && { value }),
      children,
      evidence: { kind: 'samples', present: this.present, of: parentOccurrences, maxRepeats: this.maxRepeats },
      namespaces: [...this.namespaces],
      notes,
    };
  }
}

/** Learns the shape of a document type from sample documents' root elements. */
export class SampleShape {
  private readonly root = new PathStats('', false);
  private first: XmlElement | undefined;
  /** Local names of the root elements seen. */
  private readonly roots = new Set<string>();
  documents = 0;

  add(root: XmlElement): void {
    this.first ??= root;
    this.roots.add(root.local);
    this.documents++;
    this.root.occurrences++;
    this.root.present++;
    this.root.maxRepeats = 1;
    this.root.observe(root);
  }

  /** The shape, rooted at the first sample's root element. */
  shape(): ShapeNode {
    if (!this.first) throw new RangeError('no sample documents: give at least one well-formed record');
    const root = this.root.toShape(this.documents, this.first.local);
    const notes = this.roots.size > 1 ? [`root elements differ: ${[...this.roots].join(', ')}; the mapping reads them all as one`, ...root.notes] : root.notes;
    return { ...root, localName: this.first.local, notes };
  }
}
