import { attributeObject, lookupAttribute, NO_ATTRIBUTES, type XmlAttributes } from './attribute-list.js';
import { XmlField } from './xml-field.js';

/** The children of every leaf: an array per leaf would cost more than the element itself. */
export const NO_CHILDREN: readonly XmlElement[] = Object.freeze([]);

const SLASH = 47;
const DOT = 46;
const AT = 64;
const COLON = 58;

/**
 * One element of a parsed document: its names, attributes, children and own text, with
 * small query helpers. Queries match children by local name, so `<a:Contact>` and
 * `<Contact>` answer the same query; a step containing `:` matches the qualified name instead.
 *
 * Paths are `/`-separated steps: a name, `.` (self) or `..` (parent). A path starting with `/`
 * starts at the document root, whose name is its first step. In `value()` and `field()` the
 * last step may be `@attr`.
 *
 * ```ts
 * const app = parseXml(xml).root;
 * app.value('Applicant/LastName');     // 'Ångström'
 * app.value('@id');                    // '42'
 * app.getAll('Contacts/Contact');      // every contact, in document order
 * app.field('Applicant/BirthDate');    // XmlField { value, path: '/Application/Applicant/BirthDate' }
 * ```
 */
export class XmlElement {
  /** Child elements in document order; every element without children shares one empty, frozen array. */
  readonly children: readonly XmlElement[] = NO_CHILDREN;
  /**
   * @internal Direct character data (text and CDATA), appended by the parser; read it with `text()`.
   * A plain field rather than a symbol or `#private` so that copies of this class (src and dist)
   * stay structurally compatible.
   */
  _text = '';
  /**
   * @internal Set by the parser when no attribute of this element has a prefix: `attr()` then
   * need not look for a prefixed one when a name is missing (which mappers ask for all the time).
   */
  _unprefixed = false;
  /**
   * @internal The attributes, name and value in turn (null for none): `attr()` reads them, and the
   * attribute object is built from them only when `attrs` is read: an object a tag cost more than
   * the rest of its element.
   */
  readonly _list: readonly string[] | null;
  /** @internal The attribute object, once built (or as given to the constructor). */
  private _attrs: XmlAttributes | null;

  constructor(
    /** Qualified name as written, e.g. `ns:Contact`. */
    readonly name: string,
    /** Local name, e.g. `Contact`. */
    readonly local: string,
    /** Resolved namespace URI, or `''` when the element is in no namespace. */
    readonly uri: string,
    readonly parent: XmlElement | null,
    /** Attributes by qualified name; namespace declarations (`xmlns`, `xmlns:p`) included. */
    attrs: XmlAttributes = NO_ATTRIBUTES,
    /** @internal The attributes as pairs, from the parser, in place of `attrs`. */
    list: readonly string[] | null = null,
  ) {
    // An object given here is kept as `attrs`, and read by `attr()` as a list like the parser's.
    this._list = list ?? (attrs === NO_ATTRIBUTES ? null : Object.entries(attrs).flat());
    this._attrs = list === null ? attrs : null;
  }

  /** Attributes by qualified name; namespace declarations (`xmlns`, `xmlns:p`) included. */
  get attrs(): XmlAttributes {
    return (this._attrs ??= attributeObject(this._list ?? [], this._list?.length ?? 0));
  }

  /** An attribute by qualified name, else by local name (`attr('id')` finds `a:id`). */
  attr(name: string): string | undefined {
    const list = this._list;
    return list === null ? undefined : lookupAttribute(list, list.length, name, this._unprefixed);
  }

  /** Direct text and CDATA of this element, entities decoded, untrimmed; descendants' text excluded. */
  text(): string {
    return this._text;
  }

  /** The first child with this local name (or qualified name, if `name` contains `:`). */
  child(name: string): XmlElement | undefined {
    const qualified = name.indexOf(':') >= 0;
    for (const c of this.children) {
      if ((qualified ? c.name : c.local) === name) return c;
    }
    return undefined;
  }

  /** Every child with this local name (or qualified name, if `name` contains `:`). */
  all(name: string): XmlElement[] {
    const qualified = name.indexOf(':') >= 0;
    const found: XmlElement[] = [];
    for (const c of this.children) {
      if ((qualified ? c.name : c.local) === name) found.push(c);
    }
    return found;
  }

  /** The first element matching a path such as `Applicant/Address`; `undefined` when there is none. */
  get(path: string): XmlElement | undefined {
    return walk(this, path, path.length);
  }

  /** Every element matching a path, fanning out at each step, in document order. */
  getAll(path: string): XmlElement[] {
    let i = 0;
    let current: XmlElement[];
    if (path.charCodeAt(0) === SLASH) {
      const root = rootOf(this);
      const j = stepEnd(path, 1, path.length);
      if (!matches(root, path, 1, j - 1, isQualified(path, 1, j))) return [];
      current = [root];
      i = j + 1;
    } else {
      current = [this];
    }
    while (i <= path.length) {
      const j = stepEnd(path, i, path.length);
      const len = j - i;
      if (isSelf(path, i, len)) {
        // same set
      } else if (isParent(path, i, len)) {
        const parents: XmlElement[] = [];
        // Every element of the set sits at the same depth, so duplicate parents are adjacent.
        for (const e of current) {
          if (e.parent !== null && e.parent !== parents[parents.length - 1]) parents.push(e.parent);
        }
        current = parents;
      } else {
        const qualified = isQualified(path, i, j);
        const next: XmlElement[] = [];
        for (const e of current) {
          for (const c of e.children) if (matches(c, path, i, len, qualified)) next.push(c);
        }
        current = next;
      }
      if (current.length === 0) break;
      i = j + 1;
    }
    return current;
  }

  /**
   * The text of the element at `path` (untrimmed), or the attribute when the last step is
   * `@name`; `undefined` when absent. `value('.')` is this element's own text.
   */
  value(path: string): string | undefined {
    const slash = path.lastIndexOf('/');
    if (path.charCodeAt(slash + 1) === AT) {
      const el = slash < 0 ? this : walk(this, path, slash);
      return el?.attr(attributeNameOf(path, slash + 2));
    }
    return walk(this, path, path.length)?._text;
  }

  /** `value(path)` together with the absolute path of what was (or would have been) selected. */
  field(path: string): XmlField {
    const slash = path.lastIndexOf('/');
    const isAttribute = path.charCodeAt(slash + 1) === AT;
    const el = !isAttribute ? walk(this, path, path.length) : slash < 0 ? this : walk(this, path, slash);
    if (el === undefined) {
      // Name the path as it would have been, from the deepest element that did match.
      return new XmlField(undefined, stopElement, path, stopOffset);
    }
    if (!isAttribute) return new XmlField(el._text, el);
    return new XmlField(el.attr(attributeNameOf(path, slash + 2)), el, path, slash + 1);
  }

  /** Absolute path such as `/Application/Contacts/Contact[2]`; the index appears only when siblings share the name. */
  pathString(): string {
    let path = `/${stepOf(this)}`;
    for (let e = this.parent; e !== null; e = e.parent) path = `/${stepOf(e)}${path}`;
    return path;
  }
}

// Where the last failed walk stopped (the deepest element matched and the offset of the step
// that did not match), for field(). Parsing and querying are synchronous, so a scratch pair is safe.
let stopElement: XmlElement | null = null;
let stopOffset = 0;

function walk(from: XmlElement, path: string, end: number): XmlElement | undefined {
  let el = from;
  let i = 0;
  if (path.charCodeAt(0) === SLASH) {
    const root = rootOf(from);
    const j = stepEnd(path, 1, end);
    if (!matches(root, path, 1, j - 1, isQualified(path, 1, j))) {
      stopElement = null;
      stopOffset = 1;
      return undefined;
    }
    el = root;
    i = j + 1;
  }
  while (i <= end) {
    const j = stepEnd(path, i, end);
    const len = j - i;
    let next: XmlElement | null | undefined;
    if (isSelf(path, i, len)) {
      next = el;
    } else if (isParent(path, i, len)) {
      next = el.parent;
    } else {
      next = undefined;
      const qualified = isQualified(path, i, j);
      for (const c of el.children) {
        if (matches(c, path, i, len, qualified)) {
          next = c;
          break;
        }
      }
    }
    if (next == null) {
      stopElement = el;
      stopOffset = i;
      return undefined;
    }
    el = next;
    i = j + 1;
  }
  return el;
}

/** End (exclusive) of the step starting at `i`; rejects empty and attribute steps. */
function stepEnd(path: string, i: number, end: number): number {
  let j = path.indexOf('/', i);
  if (j < 0 || j > end) j = end;
  if (j === i) throw new RangeError(`invalid XML path "${path}": empty step at offset ${i}`);
  if (path.charCodeAt(i) === AT) {
    throw new RangeError(`invalid XML path "${path}": an @attribute step may only be the last step of value() or field()`);
  }
  return j;
}

/** Whether the step [i, j) is a qualified name (`ns:Contact`), matched against `name` rather than `local`. */
function isQualified(path: string, i: number, j: number): boolean {
  for (let k = i; k < j; k++) if (path.charCodeAt(k) === COLON) return true;
  return false;
}

function matches(el: XmlElement, path: string, i: number, len: number, qualified: boolean): boolean {
  const name = qualified ? el.name : el.local;
  return name.length === len && path.startsWith(name, i);
}

function isSelf(path: string, i: number, len: number): boolean {
  return len === 1 && path.charCodeAt(i) === DOT;
}

function isParent(path: string, i: number, len: number): boolean {
  return len === 2 && path.charCodeAt(i) === DOT && path.charCodeAt(i + 1) === DOT;
}

/**
 * Attribute names by query path (`Applicant/@id` → `id`): mappers ask the same literal paths for
 * every record, and a slice per query was a string per attribute value. Cleared when it grows
 * large, for paths built anew per record.
 */
const ATTRIBUTE_NAMES = new Map<string, string>();

function attributeNameOf(path: string, start: number): string {
  let name = ATTRIBUTE_NAMES.get(path);
  if (name === undefined) {
    name = attributeName(path, start);
    if (ATTRIBUTE_NAMES.size >= 4096) ATTRIBUTE_NAMES.clear();
    ATTRIBUTE_NAMES.set(path, name);
  }
  return name;
}

function attributeName(path: string, start: number): string {
  if (start >= path.length || path.charCodeAt(start) === COLON) {
    throw new RangeError(`invalid XML path "${path}": missing attribute name after @`);
  }
  return path.slice(start);
}

/** The element's path step: its name, indexed when siblings share the name. */
function stepOf(el: XmlElement): string {
  const parent = el.parent;
  if (parent === null) return el.name;
  let count = 0;
  let index = 0;
  for (const c of parent.children) {
    if (c.name === el.name) {
      count++;
      if (c === el) index = count;
    }
  }
  return count > 1 ? `${el.name}[${index}]` : el.name;
}

function rootOf(el: XmlElement): XmlElement {
  let e = el;
  while (e.parent !== null) e = e.parent;
  return e;
}
