import { newAttributes, NO_ATTRIBUTES, type XmlAttributes } from './xml-element.js';

/** Past this many attributes in one tag, repeated names are found with a set rather than by a scan. */
const SCAN_LIMIT = 16;

/**
 * The attributes of the tag being read, in document order: one list per parse, reused from tag
 * to tag, so that reading attributes allocates nothing. The element tree copies them into each
 * element's attribute object (`toObject`); a compiled mapping reads the few it needs (`lookup`)
 * and builds no object at all.
 * @internal
 */
export class AttributeList {
  readonly names: string[] = [];
  readonly values: string[] = [];
  count = 0;
  /** The names, once a tag has more than SCAN_LIMIT attributes. */
  private seen: Set<string> | null = null;

  /** Adds an attribute; false, and nothing added, when the tag already has one of this name. */
  add(name: string, value: string): boolean {
    const n = this.count;
    const names = this.names;
    if (n < SCAN_LIMIT) {
      for (let i = 0; i < n; i++) if (names[i] === name) return false;
    } else {
      const seen = (this.seen ??= new Set(names.slice(0, n)));
      if (seen.has(name)) return false;
      seen.add(name);
    }
    names[n] = name;
    this.values[n] = value;
    this.count = n + 1;
    return true;
  }

  /** Empties the list for the next tag. */
  clear(): void {
    this.count = 0;
    this.seen = null;
  }

  /** The attributes as an element's attribute object. */
  toObject(): XmlAttributes {
    const n = this.count;
    if (n === 0) return NO_ATTRIBUTES;
    const object = newAttributes();
    for (let i = 0; i < n; i++) object[this.names[i]!] = this.values[i]!;
    return object;
  }

  /** Replaces the list's content with an object's (after DOCTYPE defaults were applied to it). */
  assign(object: Readonly<Record<string, string>>): void {
    this.clear();
    for (const name in object) this.add(name, object[name]!);
  }

  /**
   * An attribute by qualified name, else by local name (`a:id` answers `id`) unless `unprefixed`
   * says no name has a prefix: what `XmlElement.attr()` answers on the element's object.
   */
  lookup(name: string, unprefixed: boolean): string | undefined {
    const n = this.count;
    const names = this.names;
    for (let i = 0; i < n; i++) if (names[i] === name) return this.values[i];
    if (unprefixed || name.indexOf(':') >= 0) return undefined;
    for (let i = 0; i < n; i++) {
      const key = names[i]!;
      const colon = key.indexOf(':');
      if (colon >= 0 && key.length - colon - 1 === name.length && key.endsWith(name) && !key.startsWith('xmlns:')) return this.values[i];
    }
    return undefined;
  }
}
