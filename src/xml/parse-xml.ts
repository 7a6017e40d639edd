import { Buffer } from 'node:buffer';
import type * as Saxes from 'saxes';
import { saxesLibrary } from '../core/lazy-require.js';
import { applyAttributeDecls } from './attribute-defaults.js';
import { decodePayload } from './decode-payload.js';
import { readDoctype } from './doctype-reader.js';
import type { AttributeDecl } from './dtd.js';
import type { At, EntityExpander } from './entity-expander.js';
import { NO_CHILDREN, XmlElement } from './xml-element.js';
import { AttributeList, NO_ATTRIBUTES } from './attribute-list.js';
import { XmlForbiddenError, XmlLimitError, XmlSyntaxError } from './xml-errors.js';

// Every thread that parses loads saxes with this module (core/lazy-require.ts says why it is required).
const { SaxesParser } = saxesLibrary();
type SaxesParser = Saxes.SaxesParser;

/** A parsed document. */
export interface XmlDocument {
  readonly root: XmlElement;
}

/** Limits that make a hostile or broken document fail its record instead of the process. */
export interface ParseLimits {
  /** Largest accepted document, in bytes (a byte payload's own length, a text payload's UTF-8 length); checked before parsing starts. @default 16 MiB */
  maxDocumentBytes: number;
  /** Deepest accepted element nesting (the root is depth 1); parsing stops at the first element deeper. @default 256 */
  maxDepth: number;
  /**
   * Most elements in one document (the root included); parsing stops at the first one past it.
   * It bounds the element tree a worker builds: about 100 to 230 bytes an element (docs/memory.md).
   * @default 150000
   */
  maxElements: number;
  /**
   * Most characters of replacement text all entity references of one document may expand to,
   * nested references included; stops billion laughs and quadratic blow-up. @default 1000000
   */
  maxEntityExpansionChars: number;
  /** Most entities open inside one another (`&a;` whose text refers to `&b;` is 2). @default 40 */
  maxEntityDepth: number;
  /**
   * 'process': a DOCTYPE is read as libxml2 and defusedxml do (internal subset checked, internal
   * entities expanded within the limits above, default attributes applied, nothing external ever
   * read); 'reject': any DOCTYPE fails its record with `XmlForbiddenError`. @default 'process'
   */
  doctype: 'process' | 'reject';
}

/** The limits `parseXml` applies to whatever is not given. */
export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({
  maxDocumentBytes: 16 * 1024 * 1024,
  maxDepth: 256,
  maxElements: 150_000,
  maxEntityExpansionChars: 1_000_000,
  maxEntityDepth: 40,
  doctype: 'process',
});

const XML_DECLARATION = /^\uFEFF?<\?xml[ \t\r\n]/;

/** saxes' `S_TEXT` state: an entity reference resolved in this state is in content, not in an attribute value. */
const SAXES_TEXT_STATE = 13;

/** The members of saxes' parser used to expand entities; private in its typings. */
interface SaxesInternals {
  parseEntity(name: string): string;
  text: string;
  state: number;
  ENTITIES: Record<string, string>;
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';
const CHAR_X = 120;
const COLON = 58;

/**
 * Parse one whole XML document into a compact element tree. Text is parsed as it is (its
 * declared encoding is ignored); bytes are decoded first as their byte order mark and XML
 * declaration say, and an unknown or contradicted encoding throws `XmlEncodingError`.
 *
 * Throws `XmlLimitError` when the document is too large (checked before parsing) or too deep
 * (parsing stops at the first element past the limit), `XmlForbiddenError` for any DOCTYPE
 * (no DTD is ever processed, so entity expansion and external entities are impossible), and
 * `XmlSyntaxError`, whose message starts with saxes' `line:column: `, for anything not
 * well-formed (including unbound namespace prefixes and undefined entities).
 *
 * ```ts
 * const { root } = parseXml('<Application id="7"><Applicant><Name>Zoë</Name></Applicant></Application>');
 * root.value('Applicant/Name'); // 'Zoë'
 * root.value('@id');            // '7'
 * ```
 */
export function parseXml(payload: string | Uint8Array, limits?: Partial<ParseLimits>): XmlDocument {
  const tree = new TreeBuilder();
  parseXmlInto(payload, limits, tree);
  // saxes reports a document without a root element, so this cannot happen.
  if (tree.root === null) throw new XmlSyntaxError('1:0: document must contain a root element.', 1, 0);
  return { root: tree.root };
}

/**
 * Where a parse delivers a document's content: the element tree (`parseXml`), or a compiled
 * declarative mapping that takes the values it needs as they pass (`parseXmlInto`).
 * @internal
 */
export interface XmlContentHandler {
  /**
   * An element starts at `depth` (the root is 1). `colon` is the index of the prefix's colon in
   * `name`, or -1; `uri` is its resolved namespace; `unprefixed` says that no attribute name has a
   * prefix. `attributes` is reused for the next tag: read it here, do not keep it.
   */
  open(name: string, colon: number, uri: string, attributes: AttributeList, unprefixed: boolean, depth: number): void;
  /** Character data (text or CDATA, entities decoded) directly inside the open element at `depth`. */
  text(text: string, depth: number): void;
  /** The open element at `depth` ends. */
  close(depth: number): void;
}

/**
 * Parses one whole document as `parseXml` does (the same limits, checks and errors), delivering
 * its content to `handler` instead of building the element tree.
 * @internal
 */
export function parseXmlInto(payload: string | Uint8Array, limits: Partial<ParseLimits> | undefined, handler: XmlContentHandler): void {
  const maxDocumentBytes = limitOption(limits?.maxDocumentBytes, 'maxDocumentBytes');
  const maxDepth = limitOption(limits?.maxDepth, 'maxDepth');
  const maxElements = limitOption(limits?.maxElements, 'maxElements');
  const maxEntityExpansionChars = limitOption(limits?.maxEntityExpansionChars, 'maxEntityExpansionChars');
  const maxEntityDepth = limitOption(limits?.maxEntityDepth, 'maxEntityDepth');
  const doctype = limits?.doctype ?? DEFAULT_PARSE_LIMITS.doctype;
  if (doctype !== 'process' && doctype !== 'reject') throw new RangeError(`parse.doctype must be 'process' or 'reject'; got ${String(doctype)}`);
  let xml: string;
  if (typeof payload === 'string') {
    xml = payload;
    // A UTF-16 code unit is at most 3 UTF-8 bytes, so the exact count is needed only near the limit.
    if (xml.length > maxDocumentBytes || (xml.length * 3 > maxDocumentBytes && Buffer.byteLength(xml, 'utf8') > maxDocumentBytes)) {
      throw tooLarge(Buffer.byteLength(xml, 'utf8'), maxDocumentBytes);
    }
  } else {
    // Checked before decoding, so an oversized payload is never turned into a string.
    if (payload.byteLength > maxDocumentBytes) throw tooLarge(payload.byteLength, maxDocumentBytes);
    xml = decodePayload(payload);
  }
  // A fresh saxes parser per document costs well under a microsecond, and measured faster than
  // reusing one: a long-lived parser is tenured, and storing young objects into it is not free.
  new DocumentBuilder(maxDepth, maxElements, { maxEntityExpansionChars, maxEntityDepth, doctype }, handler).parse(xml);
}

function tooLarge(bytes: number, max: number): XmlLimitError {
  return new XmlLimitError('maxDocumentBytes', bytes, max, `document is ${bytes} bytes, over the maxDocumentBytes limit of ${max}; raise parse.maxDocumentBytes if such documents are expected`);
}

function limitOption(value: number | undefined, option: Exclude<keyof ParseLimits, 'doctype'>): number {
  if (value === undefined) return DEFAULT_PARSE_LIMITS[option];
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`parse.${option} must be an integer ≥ 1; got ${String(value)}`);
  }
  return value;
}

/**
 * Whether `<?` occurs in xml from `from` on. Searched as `?` then a look back: a one-character
 * indexOf is about 3 times faster than a two-character one on a two-byte string (6 KB documents
 * with non-Latin-1 text: 12-16 µs -> 4-6 µs), and this runs on every document.
 */
function hasProcessingInstruction(xml: string, from: number): boolean {
  for (let i = xml.indexOf('?', from); i >= 0; i = xml.indexOf('?', i + 1)) {
    if (xml.charCodeAt(i - 1) === 60 /* < */) return true;
  }
  return false;
}

/** Namespace bindings declared by one element; allocated only for elements that declare some. */
class NamespaceScope {
  constructor(
    readonly parent: NamespaceScope | null,
    /** prefix ('' for the default namespace) -> URI ('' undeclares the default namespace). */
    readonly bindings: Readonly<Record<string, string>>,
    /** Depth of the declaring element; the scope ends when that element closes. */
    readonly depth: number,
  ) {}
}

/**
 * A saxes parser that hands each attribute straight to its DocumentBuilder. In plain mode saxes
 * makes an object per attribute, a list per tag and a dictionary-mode object of the tag's
 * attributes, all dropped once the tag is built: on attribute-heavy documents about a tenth of a
 * worker's time. saxes' constructor takes `pushAttrib` and `processAttribs` from the plain-mode
 * methods, so they are replaced on this prototype (one shared function each: a closure per parser
 * made saxes' call sites megamorphic and the parse 15-50% slower). Duplicates are failed where
 * saxes fails them, when the tag is complete, with its message.
 */
class BuilderParser extends SaxesParser {
  builder: DocumentBuilder | null = null;
}
Object.assign(BuilderParser.prototype, {
  pushAttribPlain(this: BuilderParser, name: string, value: string): void {
    this.builder!.onAttribute(name, value);
  },
  processAttribsPlain(this: BuilderParser): void {
    this.builder!.endAttributes(this);
  },
  sOpenTag: openTagName,
});

/** The members of saxes' parser its state for a tag name uses; private in its typings. */
interface SaxesTagState {
  captureNameChars(): number;
  openTag(): void;
  fail(message: string): void;
  tag: { name: string; attributes: Record<string, string>; ns?: Record<string, string> } | null;
  topNS: Record<string, string> | null;
  name: string;
  state: number;
  sawRoot: boolean;
  closedRoot: boolean;
  readonly xmlnsOpt: boolean;
  readonly fragmentOpt: boolean;
  openTagStartHandler?: (tag: unknown) => void;
}

/** The attributes of every tag saxes builds here: the builder collects them itself (see above). */
const NO_TAG_ATTRIBUTES: Record<string, string> = Object.freeze(Object.create(null) as Record<string, string>);

/** saxes' states after a tag's name, which it does not export: read from saxes itself, once. */
const [SAXES_OPEN_TAG_SLASH_STATE, SAXES_ATTRIB_STATE] = ['<a/', '<a '].map((text) => (new SaxesParser().write(text) as unknown as SaxesTagState).state);

/**
 * saxes' state for a tag's name (`sOpenTag`), as saxes has it but for one object: saxes gives
 * every tag a dictionary-mode object (`Object.create(null)`) for attributes this builder never
 * reads: 43 of the 151 KB a worker allocated for each element-heavy medium document. The worker's
 * task on such documents, in one process, the fastest pass of each of eight alternated runs:
 * 206-226 -> 194-215 µs a document, and again 212-266 -> 197-251. test/xml/open-tag-as-saxes-reads-it
 * checks every outcome against saxes' own.
 */
function openTagName(this: SaxesTagState): void {
  const c = this.captureNameChars();
  // End of the chunk (saxes' EOC, its only negative result): the name goes on in the next one.
  if (c < 0) return;
  const tag = (this.tag = { name: this.name, attributes: NO_TAG_ATTRIBUTES });
  this.name = '';
  if (this.xmlnsOpt) this.topNS = (tag as { ns?: Record<string, string> }).ns = Object.create(null) as Record<string, string>;
  this.openTagStartHandler?.call(this, tag);
  this.sawRoot = true;
  if (!this.fragmentOpt && this.closedRoot) this.fail('documents may contain only one root.');
  if (c === GREATER) this.openTag();
  else if (c === SLASH) this.state = SAXES_OPEN_TAG_SLASH_STATE!;
  else {
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) this.fail('disallowed character in tag name.');
    this.state = SAXES_ATTRIB_STATE!;
  }
}

const GREATER = 0x3e;
const SLASH = 0x2f;

/**
 * Turns saxes events into checked content for a handler (limits, namespaces, DOCTYPE, entities).
 * Namespaces are resolved here rather than by saxes' xmlns mode, which is much slower.
 */
class DocumentBuilder {
  /** The parser at work: the document's, or one parsing the replacement text of an entity. */
  private parser: BuilderParser = new BuilderParser({ xmlns: false, position: true });
  private input = '';
  /** Whether the root element has started. */
  private started = false;
  private depth = 0;
  /** Elements opened so far, replacement text of entities included: checked against maxElements. */
  private elements = 0;
  private scope: NamespaceScope | null = null;
  /** Attributes of the tag being opened. */
  private readonly attributes = new AttributeList();
  /** The first attribute name the tag being read repeats, if any. */
  private duplicate: string | null = null;
  /** Whether the tag being opened declares namespaces or has prefixed attributes. */
  private namespaced = false;
  /** Attribute declarations of the DOCTYPE by element name; null without a DOCTYPE (the common case). */
  private attributeDecls: ReadonlyMap<string, readonly AttributeDecl[]> | null = null;
  private expander: EntityExpander | null = null;
  /** While the replacement text of an entity is parsed: where the outermost reference is. */
  private entityAt: At | null = null;

  constructor(
    private readonly maxDepth: number,
    private readonly maxElements: number,
    private readonly options: Pick<ParseLimits, 'maxEntityExpansionChars' | 'maxEntityDepth' | 'doctype'>,
    private readonly handler: XmlContentHandler,
  ) {
    this.wire(this.parser, false);
    this.parser.on('doctype', () => this.onDoctype());
  }

  /** Routes a parser's events here; a parser of replacement text skips its wrapper element. */
  private wire(p: BuilderParser, wrapped: boolean): void {
    p.builder = this;
    if (wrapped) {
      let level = 0;
      p.on('opentag', (tag) => (level++ === 0 ? undefined : this.onOpenTag(tag.name)));
      p.on('closetag', () => (--level === 0 ? undefined : this.onCloseTag()));
    } else {
      p.on('opentag', (tag) => this.onOpenTag(tag.name));
      p.on('closetag', () => this.onCloseTag());
    }
    p.on('text', (text) => this.onText(text));
    p.on('cdata', (text) => this.onText(text));
    p.on('error', (err) => this.onError(err));
  }

  parse(xml: string): void {
    this.input = xml;
    // A PI handler makes saxes 4 to 8 times slower on every document, so it is attached only to
    // documents with a PI besides the XML declaration (a <? in a comment or CDATA costs only that).
    if (hasProcessingInstruction(xml, XML_DECLARATION.test(xml) ? 3 : 0)) this.checkProcessingInstructions(this.parser);
    this.parser.write(xml).close();
  }

  /** Collects the tag's attributes as saxes reads them (see BuilderParser). */
  onAttribute(name: string, value: string): void {
    if (!this.attributes.add(name, value)) this.duplicate ??= name;
    this.noteAttribute(name);
  }

  /** The tag is complete: a repeated attribute name fails it (WFC: Unique Att Spec), as saxes would. */
  endAttributes(p: SaxesParser): void {
    const duplicate = this.duplicate;
    if (duplicate !== null) {
      this.duplicate = null;
      p.fail(`duplicate attribute: ${duplicate}.`);
    }
  }

  private noteAttribute(name: string): void {
    if (name.charCodeAt(0) === CHAR_X && name.startsWith('xmlns') && (name.length === 5 || name.charCodeAt(5) === COLON)) {
      this.namespaced = true;
    } else if (name.indexOf(':') >= 0) {
      this.namespaced = true;
    }
  }

  private onOpenTag(name: string): void {
    const depth = ++this.depth;
    if (depth > this.maxDepth) throw this.depthError(name, depth);
    if (++this.elements > this.maxElements) throw this.elementsError(name);
    const attributes = this.attributes;
    if (this.attributeDecls !== null) this.applyDeclarations(name, attributes);
    if (this.namespaced && attributes.count > 0) this.applyNamespaces(attributes, depth);
    const colon = name.indexOf(':');
    if (colon >= 0 && (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) >= 0)) {
      this.parser.fail(`element name ${name} is not a qualified name: a prefix and a local name, each without a colon.`);
    }
    let uri = '';
    if (colon >= 0) uri = this.resolve(name.slice(0, colon));
    else if (this.scope !== null) uri = this.resolve('');
    this.started = true;
    const unprefixed = !this.namespaced;
    this.namespaced = false;
    this.handler.open(name, colon, uri, attributes, unprefixed, depth);
    attributes.clear();
  }

  private onCloseTag(): void {
    const scope = this.scope;
    if (scope !== null && scope.depth === this.depth) this.scope = scope.parent;
    this.handler.close(this.depth--);
  }

  private onText(text: string): void {
    // Text outside the root element is white space (saxes fails anything else).
    if (this.depth > 0) this.handler.text(text, this.depth);
  }

  private onDoctype(): void {
    if (this.options.doctype === 'reject') this.rejectDoctype();
    const { dtd, expander, end } = readDoctype(this.input, this.options);
    // saxes found the end of the DOCTYPE too; if the two disagree, the DOCTYPE is not what it seems.
    if (end !== this.parser.position) this.parser.fail('malformed DOCTYPE: its end is ambiguous.');
    if (dtd.attributes.size > 0) this.attributeDecls = dtd.attributes;
    if (dtd.entities.size > 0 || dtd.unread !== null) {
      this.expander = expander;
      this.expandEntitiesWith(this.parser);
    }
  }

  private rejectDoctype(): never {
    const { line, column } = this.parser;
    throw new XmlForbiddenError(
      `${line}:${column}: DOCTYPE declarations are not allowed (parse.doctype is 'reject'); remove the DOCTYPE from the document, or set parse.doctype to 'process'`,
      'doctype',
      line,
      column,
    );
  }

  /** Routes the parser's named entity references (other than the five predefined ones) to the DOCTYPE's entities. */
  private expandEntitiesWith(p: SaxesParser): void {
    const internals = p as unknown as SaxesInternals;
    const resolve = internals.parseEntity.bind(p);
    internals.parseEntity = (name) => {
      if (name.charCodeAt(0) === 35 /* # */ || internals.ENTITIES[name] !== undefined) return resolve(name);
      const at = this.where();
      if (internals.state !== SAXES_TEXT_STATE) return this.expander!.attributeValue(name, at);
      return this.expandInContent(name, at, internals);
    };
  }

  /**
   * Expands an entity referenced in content: its replacement text is parsed as content of the
   * current element (XML 1.0 §4.4.2), by a parser of its own that feeds this builder.
   */
  private expandInContent(name: string, at: At, outer: SaxesInternals): string {
    const expander = this.expander!;
    const { value } = expander.general(name, at, false);
    expander.enter('&', name, value, at);
    try {
      // Text, the usual case, joins the text around it.
      const text = expander.contentText(value, at);
      if (text !== null) return text;
      if (outer.text !== '') {
        this.onText(outer.text);
        outer.text = '';
      }
      const parser = this.parser;
      const entityAt = this.entityAt;
      const inner = new BuilderParser({ xmlns: false, position: true });
      this.wire(inner, true);
      this.checkProcessingInstructions(inner);
      this.expandEntitiesWith(inner);
      this.parser = inner;
      this.entityAt = at;
      try {
        inner.write(`<_>${value}</_>`).close();
      } finally {
        this.parser = parser;
        this.entityAt = entityAt;
      }
      return '';
    } finally {
      expander.leave();
    }
  }

  private checkProcessingInstructions(p: SaxesParser): void {
    p.on('processinginstruction', ({ target }) => {
      if (target.indexOf(':') >= 0) this.parser.fail(`processing instruction target ${target} contains a colon (Namespaces in XML 1.0 §7).`);
    });
  }

  private onError(err: Error): never {
    // saxes gives up on a DOCTYPE it cannot end (an unclosed quote) with a vague message; the
    // reader says what and where.
    if (this.options.doctype === 'process' && !this.started && this.attributeDecls === null && this.expander === null && this.input.includes('<!DOCTYPE')) {
      try {
        readDoctype(this.input, this.options);
      } catch (precise) {
        if (precise instanceof XmlSyntaxError) throw precise;
      }
    }
    if (this.options.doctype === 'reject') {
      // A DOCTYPE cut short never reaches onDoctype, and saxes reports one after the root element as
      // misplaced; both are still DOCTYPEs.
      if ((!this.started && this.input.includes('<!DOCTYPE')) || err.message.endsWith('inappropriately located doctype declaration.')) {
        this.rejectDoctype();
      }
    }
    const at = this.entityAt;
    if (at !== null) {
      const message = `${at.line}:${at.column}: in the replacement text of entity ${this.expander!.current()}: ${err.message.replace(/^\d+:\d+: /, '')}`;
      throw new XmlSyntaxError(message, at.line, at.column, { cause: err });
    }
    throw new XmlSyntaxError(err.message, this.parser.line, this.parser.column, { cause: err });
  }

  /** Where the parser is in the document (inside an entity: where the entity is referenced). */
  private where(): At {
    return this.entityAt ?? { line: this.parser.line, column: this.parser.column };
  }

  /** Adds default attributes and normalizes declared non-CDATA values (XML 1.0 §3.3.2, §3.3.3). */
  private applyDeclarations(name: string, attributes: AttributeList): void {
    const decls = this.attributeDecls!.get(name);
    if (decls === undefined) return;
    for (const a of applyAttributeDecls(decls, attributes)) this.noteAttribute(a);
  }

  private elementsError(name: string): XmlLimitError {
    const { line, column } = this.where();
    return new XmlLimitError(
      'maxElements',
      this.elements,
      this.maxElements,
      `${line}:${column}: element <${name}> is element number ${this.elements} of the document, over the maxElements limit of ${this.maxElements}; raise parse.maxElements (--max-elements) if such documents are expected; each element costs about 100-230 bytes in a worker`,
    );
  }

  private depthError(name: string, depth: number): XmlLimitError {
    const { line, column } = this.where();
    return new XmlLimitError(
      'maxDepth',
      depth,
      this.maxDepth,
      `${line}:${column}: element <${name}> is nested ${depth} deep, over the maxDepth limit of ${this.maxDepth}; raise parse.maxDepth if such documents are expected`,
    );
  }

  /** Declares the tag's namespace bindings and checks its prefixed attributes (cold path). */
  private applyNamespaces(attributes: AttributeList, depth: number): void {
    let bindings: Record<string, string> | null = null;
    for (let i = 0; i < 2 * attributes.count; i += 2) {
      const name = attributes.items[i]!;
      let prefix: string;
      if (name === 'xmlns') prefix = '';
      else if (name.startsWith('xmlns:')) prefix = name.slice(6);
      else continue;
      if (name !== 'xmlns' && (prefix === '' || prefix.indexOf(':') >= 0)) this.parser.fail(`${name}= is not a namespace declaration: xmlns: must be followed by a prefix without a colon.`);
      const uri = attributes.items[i + 1]!.trim();
      this.checkBinding(prefix, uri);
      bindings ??= Object.create(null) as Record<string, string>;
      bindings[prefix] = uri;
    }
    if (bindings !== null) this.scope = new NamespaceScope(this.scope, bindings, depth);
    let seen: Set<string> | null = null;
    for (let i = 0; i < 2 * attributes.count; i += 2) {
      const name = attributes.items[i]!;
      const colon = name.indexOf(':');
      if (colon < 0 || name.startsWith('xmlns:')) continue;
      if (colon === 0 || colon === name.length - 1 || name.indexOf(':', colon + 1) >= 0) this.parser.fail(`attribute name ${name} is not a qualified name: a prefix and a local name, each without a colon.`);
      // Two attributes may not share an expanded name, even under different prefixes.
      const expanded = `{${this.resolve(name.slice(0, colon))}}${name.slice(colon + 1)}`;
      seen ??= new Set();
      if (seen.has(expanded)) this.parser.fail(`duplicate attribute: ${expanded}.`);
      seen.add(expanded);
    }
  }

  private checkBinding(prefix: string, uri: string): void {
    if (prefix === 'xmlns') this.parser.fail('the xmlns prefix may not be declared.');
    if (prefix !== '' && uri === '') this.parser.fail('invalid attempt to undefine prefix in XML 1.0');
    if ((prefix === 'xml') !== (uri === XML_NAMESPACE)) this.parser.fail(`only the xml prefix may be bound to ${XML_NAMESPACE}.`);
    if (uri === XMLNS_NAMESPACE) this.parser.fail(`no prefix may be bound to ${XMLNS_NAMESPACE}.`);
  }

  private resolve(prefix: string): string {
    for (let s = this.scope; s !== null; s = s.parent) {
      const uri = s.bindings[prefix];
      if (uri !== undefined) return uri;
    }
    if (prefix === '') return '';
    if (prefix === 'xml') return XML_NAMESPACE;
    this.parser.fail(`unbound namespace prefix: ${JSON.stringify(prefix)}.`);
    return '';
  }
}

/** Builds the element tree of `parseXml`. */
class TreeBuilder implements XmlContentHandler {
  root: XmlElement | null = null;
  private current: XmlElement | null = null;
  /** Text pieces of the open elements, by depth, once an element has more than one. */
  private readonly pieces: (string[] | undefined)[] = [];

  open(name: string, colon: number, uri: string, attributes: AttributeList, unprefixed: boolean): void {
    const parent = this.current;
    // A repeated element (the common case: rows of a list) takes its previous sibling's name
    // strings, one equality check instead of two new strings an element. Not a lookup table:
    // interning every name through a Map cost 10-15% of parse time on element-heavy documents.
    const sibling = parent === null || parent.children === NO_CHILDREN ? undefined : parent.children[parent.children.length - 1]!;
    let local: string;
    if (sibling !== undefined && sibling.name === name) {
      name = sibling.name;
      local = sibling.local;
    } else {
      local = colon >= 0 ? name.slice(colon + 1) : name;
    }
    const el = new XmlElement(name, local, uri, parent, NO_ATTRIBUTES, attributes.copy());
    el._unprefixed = unprefixed;
    if (parent === null) this.root = el;
    else if (parent.children === NO_CHILDREN) (parent as unknown as { children: XmlElement[] }).children = [el];
    else (parent.children as XmlElement[]).push(el);
    this.current = el;
  }

  close(depth: number): void {
    const el = this.current!;
    const pieces = this.pieces[depth];
    if (pieces !== undefined) {
      el._text = pieces.join('');
      this.pieces[depth] = undefined;
    }
    this.current = el.parent;
  }

  /**
   * Text of the open element. The first piece is kept as is; further pieces (the white space
   * between children, mixed content) are joined when the element closes into one flat string:
   * `+=` would build a chain of cons strings, one 32-byte cell per piece, as long as the document.
   */
  text(text: string, depth: number): void {
    const el = this.current!;
    if (el._text === '') {
      el._text = text;
      return;
    }
    const pieces = this.pieces[depth];
    if (pieces === undefined) this.pieces[depth] = [el._text, text];
    else pieces.push(text);
  }
}
