import { Buffer } from 'node:buffer';
import { SaxesParser } from 'saxes';
import { decodePayload } from './decode-payload.js';
import { NO_ATTRIBUTES, XmlElement } from './xml-element.js';
import { XmlForbiddenError, XmlLimitError, XmlSyntaxError } from './xml-errors.js';

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
}

/** The limits `parseXml` applies to whatever is not given. */
export const DEFAULT_PARSE_LIMITS: Readonly<ParseLimits> = Object.freeze({
  maxDocumentBytes: 16 * 1024 * 1024,
  maxDepth: 256,
});

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
  const maxDocumentBytes = limitOption(limits?.maxDocumentBytes, 'maxDocumentBytes');
  const maxDepth = limitOption(limits?.maxDepth, 'maxDepth');
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
  return new DocumentBuilder(maxDepth).parse(xml);
}

function tooLarge(bytes: number, max: number): XmlLimitError {
  return new XmlLimitError('maxDocumentBytes', bytes, max, `document is ${bytes} bytes, over the maxDocumentBytes limit of ${max}; raise parse.maxDocumentBytes if such documents are expected`);
}

function limitOption(value: number | undefined, option: keyof ParseLimits): number {
  if (value === undefined) return DEFAULT_PARSE_LIMITS[option];
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new RangeError(`parse.${option} must be an integer ≥ 1; got ${String(value)}`);
  }
  return value;
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

/** Turns saxes events into XmlElements. Namespaces are resolved here rather than by saxes' xmlns mode, which is much slower. */
class DocumentBuilder {
  private readonly parser = new SaxesParser({ xmlns: false, position: true });
  private input = '';
  private root: XmlElement | null = null;
  private current: XmlElement | null = null;
  private depth = 0;
  private scope: NamespaceScope | null = null;
  /** Attributes seen so far on the tag being opened. */
  private attributeCount = 0;
  /** Whether the tag being opened declares namespaces or has prefixed attributes. */
  private namespaced = false;

  constructor(private readonly maxDepth: number) {
    const p = this.parser;
    p.on('attribute', (attribute) => this.onAttribute(attribute.name));
    p.on('opentag', (tag) => this.onOpenTag(tag.name, tag.attributes));
    p.on('closetag', () => this.onCloseTag());
    p.on('text', (text) => this.onText(text));
    p.on('cdata', (text) => this.onText(text));
    p.on('doctype', () => this.onDoctype());
    p.on('error', (err) => this.onError(err));
  }

  parse(xml: string): XmlDocument {
    this.input = xml;
    this.parser.write(xml).close();
    const root = this.root;
    // saxes reports a document without a root element, so this cannot happen.
    if (root === null) throw new XmlSyntaxError('1:0: document must contain a root element.', 1, 0);
    return { root };
  }

  private onAttribute(name: string): void {
    this.attributeCount++;
    if (name.charCodeAt(0) === CHAR_X && name.startsWith('xmlns') && (name.length === 5 || name.charCodeAt(5) === COLON)) {
      this.namespaced = true;
    } else if (name.indexOf(':') >= 0) {
      this.namespaced = true;
    }
  }

  private onOpenTag(name: string, attributes: Record<string, string>): void {
    const depth = ++this.depth;
    if (depth > this.maxDepth) throw this.depthError(name, depth);
    if (this.namespaced) this.applyNamespaces(attributes, depth);
    const colon = name.indexOf(':');
    let local = name;
    let uri = '';
    if (colon >= 0) {
      local = name.slice(colon + 1);
      uri = this.resolve(name.slice(0, colon));
    } else if (this.scope !== null) {
      uri = this.resolve('');
    }
    const parent = this.current;
    const el = new XmlElement(name, local, uri, parent, this.attributeCount === 0 ? NO_ATTRIBUTES : attributes);
    if (parent === null) this.root = el;
    else parent.children.push(el);
    this.current = el;
    this.attributeCount = 0;
    this.namespaced = false;
  }

  private onCloseTag(): void {
    const scope = this.scope;
    if (scope !== null && scope.depth === this.depth) this.scope = scope.parent;
    this.depth--;
    const el = this.current;
    if (el !== null) this.current = el.parent;
  }

  private onText(text: string): void {
    const el = this.current;
    if (el !== null) el._text += text;
  }

  private onDoctype(): never {
    const { line, column } = this.parser;
    throw new XmlForbiddenError(
      `${line}:${column}: DOCTYPE declarations are not allowed: Sluice never processes a DTD, so entity expansion and external entities are impossible; remove the DOCTYPE from the document`,
      'doctype',
      line,
      column,
    );
  }

  private onError(err: Error): never {
    // A DOCTYPE cut short never reaches onDoctype, and saxes reports one after the root element as
    // misplaced; both are still DOCTYPEs.
    if ((this.root === null && this.input.includes('<!DOCTYPE')) || err.message.endsWith('inappropriately located doctype declaration.')) {
      this.onDoctype();
    }
    throw new XmlSyntaxError(err.message, this.parser.line, this.parser.column, { cause: err });
  }

  private depthError(name: string, depth: number): XmlLimitError {
    const { line, column } = this.parser;
    return new XmlLimitError(
      'maxDepth',
      depth,
      this.maxDepth,
      `${line}:${column}: element <${name}> is nested ${depth} deep, over the maxDepth limit of ${this.maxDepth}; raise parse.maxDepth if such documents are expected`,
    );
  }

  /** Declares the tag's namespace bindings and checks its prefixed attributes (cold path). */
  private applyNamespaces(attributes: Record<string, string>, depth: number): void {
    let bindings: Record<string, string> | null = null;
    for (const name in attributes) {
      let prefix: string;
      if (name === 'xmlns') prefix = '';
      else if (name.startsWith('xmlns:')) prefix = name.slice(6);
      else continue;
      const uri = (attributes[name] ?? '').trim();
      this.checkBinding(prefix, uri);
      bindings ??= Object.create(null) as Record<string, string>;
      bindings[prefix] = uri;
    }
    if (bindings !== null) this.scope = new NamespaceScope(this.scope, bindings, depth);
    let seen: Set<string> | null = null;
    for (const name in attributes) {
      const colon = name.indexOf(':');
      if (colon < 0 || name.startsWith('xmlns:')) continue;
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
