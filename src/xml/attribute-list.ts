/** Attribute values by qualified name as written (`id`, `xml:lang`, `xmlns:a`). */
export type XmlAttributes = Readonly<Record<string, string>>;

/**
 * Shared by every element without attributes, so a leaf costs no attribute object.
 * Null prototype, like saxes' own attribute objects: `attrs.constructor` is never a hit.
 */
export const NO_ATTRIBUTES: XmlAttributes = Object.freeze(Object.create(null) as Record<string, string>);

/**
 * The attributes of a parsed element: a null-prototype object in V8's fast mode. saxes keeps a
 * tag's attributes in an `Object.create(null)` object, which V8 stores as a hash table (about 190
 * bytes for two attributes); an object whose prototype has no properties shares a hidden class
 * with every element of the same attribute names (about 60 bytes for two), and
 * `attrs.constructor` still finds nothing.
 */
const AttributeBag = function AttributeBag() {} as unknown as new () => Record<string, string>;
AttributeBag.prototype = Object.create(null) as object;

/** An empty attributes object for the parser to fill (see `AttributeBag`). */
function newAttributes(): Record<string, string> {
  return new AttributeBag();
}

/** Past this many attributes in one tag, repeated names are found with a set rather than by a scan. */
const SCAN_LIMIT = 16;

/**
 * The attributes of the tag being read, in document order, as names and values in turn: one
 * list per parse, reused from tag to tag, so that reading attributes allocates nothing. An
 * element of the tree keeps a copy of the list (`copy`) and builds its attribute object only if
 * asked for it; a compiled mapping reads the few it needs (`lookup`) and copies nothing.
 * @internal
 */
export class AttributeList {
  /** name, value, name, value, ... (`count` pairs; what lies past them is stale). */
  readonly items: string[] = [];
  count = 0;
  /** The names, once a tag has more than SCAN_LIMIT attributes. */
  private seen: Set<string> | null = null;

  /** Adds an attribute; false, and nothing added, when the tag already has one of this name. */
  add(name: string, value: string): boolean {
    const n = this.count;
    const items = this.items;
    if (n < SCAN_LIMIT) {
      for (let i = 0; i < 2 * n; i += 2) if (items[i] === name) return false;
    } else {
      if (this.seen === null) {
        this.seen = new Set();
        for (let i = 0; i < 2 * n; i += 2) this.seen.add(items[i]!);
      }
      if (this.seen.has(name)) return false;
      this.seen.add(name);
    }
    items[2 * n] = name;
    items[2 * n + 1] = value;
    this.count = n + 1;
    return true;
  }

  /** Empties the list for the next tag. */
  clear(): void {
    this.count = 0;
    this.seen = null;
  }

  /** The list's pairs, for an element to keep; null when there are none. */
  copy(): string[] | null {
    return this.count === 0 ? null : this.items.slice(0, 2 * this.count);
  }

  /** The value of the attribute of this name as written; undefined when there is none. */
  get(name: string): string | undefined {
    const items = this.items;
    for (let i = 0; i < 2 * this.count; i += 2) if (items[i] === name) return items[i + 1];
    return undefined;
  }

  /** Gives the attribute of this name (one the list has) a new value. */
  replace(name: string, value: string): void {
    const items = this.items;
    for (let i = 0; i < 2 * this.count; i += 2) if (items[i] === name) items[i + 1] = value;
  }

  /** What `XmlElement.attr(name)` answers for these attributes (see `lookupAttribute`). */
  lookup(name: string, unprefixed: boolean): string | undefined {
    return lookupAttribute(this.items, 2 * this.count, name, unprefixed);
  }
}

/**
 * An attribute of a list of pairs [0, end) by qualified name, else by local name (`a:id` answers
 * `id`) unless `unprefixed` says no name has a prefix; namespace declarations are not found by
 * local name.
 * @internal
 */
export function lookupAttribute(items: readonly string[], end: number, name: string, unprefixed: boolean): string | undefined {
  for (let i = 0; i < end; i += 2) if (items[i] === name) return items[i + 1];
  if (unprefixed || name.indexOf(':') >= 0) return undefined;
  for (let i = 0; i < end; i += 2) {
    const key = items[i]!;
    const colon = key.indexOf(':');
    if (colon >= 0 && key.length - colon - 1 === name.length && key.endsWith(name) && !key.startsWith('xmlns:')) return items[i + 1];
  }
  return undefined;
}

/** An attribute object of the pairs [0, end) of a list. @internal */
export function attributeObject(items: readonly string[], end: number): XmlAttributes {
  if (end === 0) return NO_ATTRIBUTES;
  const object = newAttributes();
  for (let i = 0; i < end; i += 2) object[items[i]!] = items[i + 1]!;
  return object;
}
