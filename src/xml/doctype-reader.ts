import { PREDEFINED_ENTITIES, type AttributeDecl, type Dtd, type EntityDecl } from './dtd.js';
import { characterReference, EntityExpander, syntax, type At, type ExpansionLimits } from './entity-expander.js';
import { isQName, isXmlChar, NAME, NCNAME_WHOLE, NMTOKEN } from './xml-names.js';

/** A parsed DOCTYPE, and the expander (with its budget) that already paid for its defaults. */
export interface Doctype {
  readonly dtd: Dtd;
  readonly expander: EntityExpander;
  /** Index in the document just past the DOCTYPE's closing `>`. */
  readonly end: number;
}

const PUBID = /^[-a-zA-Z0-9 \r\n'()+,./:=?;!*#@$_%]*$/;
const ATT_TYPES = ['CDATA', 'IDREFS', 'IDREF', 'ID', 'ENTITIES', 'ENTITY', 'NMTOKENS', 'NMTOKEN'] as const;

/**
 * Reads the DOCTYPE declaration of `doc` (XML 1.0 §2.8): checks the internal subset for
 * well-formedness, keeps its internal general entities and attribute declarations, and never
 * reads anything external. Errors carry the `line:column` of the document where they are.
 * Parameter entities declared in the internal subset are expanded where declarations may be;
 * after a reference to one that is not read (external), later ENTITY and ATTLIST declarations
 * are checked but not processed, as XML 1.0 §5.1 requires of a processor that does not read it.
 */
export function readDoctype(doc: string, limits: ExpansionLimits): Doctype {
  const entities = new Map<string, EntityDecl>();
  const attributes = new Map<string, AttributeDecl[]>();
  const dtd: MutableDtd = { entities, attributes, unread: null, stopped: false };
  const expander = new EntityExpander(dtd, limits);
  const reader = new DoctypeReader(doc, prologEnd(doc), dtd, expander, new Map());
  const end = reader.doctype();
  return { dtd, expander, end };
}

/** Index of `<!DOCTYPE`: past the XML declaration, comments, PIs and white space (saxes checked them). */
function prologEnd(doc: string): number {
  let i = doc.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (;;) {
    while (i < doc.length && ' \t\r\n'.includes(doc[i]!)) i++;
    if (doc.startsWith('<?', i)) i = doc.indexOf('?>', i) + 2;
    else if (doc.startsWith('<!--', i)) i = doc.indexOf('-->', i + 4) + 3;
    else return i;
    if (i < 2) return doc.length;
  }
}

interface MutableDtd {
  readonly entities: Map<string, EntityDecl>;
  readonly attributes: Map<string, AttributeDecl[]>;
  unread: string | null;
  /** Set at a parameter entity that is not read: later ENTITY and ATTLIST declarations are not processed (XML 1.0 §5.1). */
  stopped: boolean;
}

class DoctypeReader {
  private i: number;

  constructor(
    private readonly s: string,
    start: number,
    private readonly dtd: MutableDtd,
    private readonly expander: EntityExpander,
    private readonly parameterEntities: Map<string, { value: string | null; systemId: string }>,
    /** For the replacement text of a parameter entity: where it was referenced, and its name. */
    private readonly origin: { at: At; name: string } | null = null,
  ) {
    this.i = start;
  }

  /** Reads `<!DOCTYPE name externalId? [subset]? >` and returns the index past it. */
  doctype(): number {
    this.expect('<!DOCTYPE');
    this.space(true);
    this.qname('the DOCTYPE');
    this.space(false);
    if (this.peekWord('SYSTEM') || this.peekWord('PUBLIC')) {
      const systemId = this.externalId(false);
      this.dtd.unread = `the external DTD "${systemId}"`;
      this.space(false);
    }
    if (this.s[this.i] === '[') {
      this.i++;
      this.subset();
      this.expect(']');
      this.space(false);
    }
    this.expect('>');
    return this.i;
  }

  /** Markup declarations and parameter-entity references, up to `]` (or the end of a parameter entity). */
  subset(): void {
    for (;;) {
      this.space(false);
      if (this.i >= this.s.length) {
        if (this.origin !== null) return;
        throw this.fail('the internal subset is not closed by ]>');
      }
      const s = this.s;
      const i = this.i;
      if (s[i] === ']' && this.origin === null) return;
      if (s[i] === '%') this.parameterReference();
      else if (s.startsWith('<!ENTITY', i)) this.entityDecl();
      else if (s.startsWith('<!ATTLIST', i)) this.attlistDecl();
      else if (s.startsWith('<!ELEMENT', i)) this.elementDecl();
      else if (s.startsWith('<!NOTATION', i)) this.notationDecl();
      else if (s.startsWith('<!--', i)) this.comment();
      else if (s.startsWith('<?', i)) this.pi();
      else if (s.startsWith('<![', i)) throw this.fail('conditional sections (<![INCLUDE[ and <![IGNORE[) are allowed only in an external DTD');
      else throw this.fail('a markup declaration (<!ENTITY, <!ATTLIST, <!ELEMENT, <!NOTATION), a comment or a processing instruction was expected');
    }
  }

  private parameterReference(): void {
    const at = this.at();
    this.i++;
    const name = this.ncname('a parameter entity');
    this.expect(';');
    const pe = this.parameterEntities.get(name);
    if (pe === undefined) {
      if (this.dtd.unread === null) throw this.fail(`undefined parameter entity %${name};`, at);
      this.dtd.stopped = true;
      return;
    }
    if (pe.value === null) {
      // Not read: what it would declare is unknown, so later declarations may not be trusted (XML 1.0 §5.1).
      this.dtd.unread ??= `the external parameter entity %${name}; ("${pe.systemId}")`;
      this.dtd.stopped = true;
      return;
    }
    const where = this.where(at);
    this.expander.enter('%', name, pe.value, where);
    try {
      new DoctypeReader(pe.value, 0, this.dtd, this.expander, this.parameterEntities, { at: where, name }).subset();
    } finally {
      this.expander.leave();
    }
  }

  private entityDecl(): void {
    this.expect('<!ENTITY');
    this.space(true);
    const parameter = this.s[this.i] === '%';
    if (parameter) {
      this.i++;
      this.space(true);
    }
    const name = this.ncname(parameter ? 'a parameter entity' : 'an entity');
    this.space(true);
    let decl: EntityDecl;
    if (this.s[this.i] === '"' || this.s[this.i] === "'") {
      decl = { kind: 'internal', name, value: this.entityValue() };
    } else {
      const systemId = this.externalId(true);
      const hadSpace = this.space(false);
      if (!parameter && hadSpace && this.peekWord('NDATA')) {
        this.i += 5;
        this.space(true);
        decl = { kind: 'unparsed', name, notation: this.ncname('a notation') };
      } else {
        decl = { kind: 'external', name, systemId };
      }
    }
    this.space(false);
    this.expect('>');
    // The first declaration of an entity binds (XML 1.0 §4.2); after an unread parameter entity none does.
    if (this.dtd.stopped) return;
    if (parameter) {
      if (!this.parameterEntities.has(name)) this.parameterEntities.set(name, decl.kind === 'internal' ? { value: decl.value, systemId: '' } : { value: null, systemId: decl.kind === 'external' ? decl.systemId : '' });
    } else if (!PREDEFINED_ENTITIES.has(name) && !this.dtd.entities.has(name)) {
      this.dtd.entities.set(name, decl);
    }
  }

  /** A quoted EntityValue: character references expanded, entity references kept, no parameter-entity reference. */
  private entityValue(): string {
    const quote = this.s[this.i]!;
    const start = ++this.i;
    const close = this.s.indexOf(quote, start);
    if (close < 0) throw this.fail('the entity value is not closed');
    let out = '';
    let last = start;
    for (let j = start; j < close; j++) {
      const c = this.s[j];
      if (c === '%') throw this.fail('a parameter-entity reference may not occur within a markup declaration of the internal subset (XML 1.0 WFC: PEs in Internal Subset)', j);
      if (c !== '&') continue;
      const semi = this.s.indexOf(';', j);
      const ref = semi < 0 || semi > close ? '' : this.s.slice(j + 1, semi);
      if (ref.startsWith('#')) {
        if (!/^#(x[0-9a-fA-F]+|[0-9]+)$/.test(ref)) throw this.fail(`&${ref}; is not a character reference`, j);
        out += this.s.slice(last, j) + characterReference(ref, this.where(j));
      } else if (NCNAME_WHOLE.test(ref) || isQName(ref)) {
        out += this.s.slice(last, semi + 1);
      } else {
        throw this.fail('an & in an entity value must start a reference such as &amp; or &#38;', j);
      }
      last = semi + 1;
      j = semi;
    }
    out += this.s.slice(last, close);
    this.i = close + 1;
    return out.replace(/\r\n?/g, '\n');
  }

  private attlistDecl(): void {
    this.expect('<!ATTLIST');
    this.space(true);
    const element = this.qname('an ATTLIST');
    const declared = this.dtd.attributes.get(element) ?? [];
    for (;;) {
      const spaced = this.space(false);
      if (this.s[this.i] === '>') break;
      if (!spaced) throw this.fail('white space was expected before the attribute name');
      const name = this.qname('an attribute');
      this.space(true);
      const cdata = this.attType();
      this.space(true);
      const defaultValue = this.defaultDecl(cdata);
      // The first declaration of an attribute binds; later ones are ignored (XML 1.0 §3.3).
      if (!this.dtd.stopped && !declared.some((d) => d.name === name)) declared.push({ name, cdata, defaultValue });
    }
    this.i++;
    if (declared.length > 0) this.dtd.attributes.set(element, declared);
  }

  /** Returns true for CDATA. */
  private attType(): boolean {
    for (const type of ATT_TYPES) {
      if (this.peekWord(type)) {
        this.i += type.length;
        return type === 'CDATA';
      }
    }
    if (this.peekWord('NOTATION')) {
      this.i += 8;
      this.space(true);
      this.enumeration(() => this.ncname('a notation'));
      return false;
    }
    if (this.s[this.i] === '(') {
      this.enumeration(() => this.token(NMTOKEN, 'a name token'));
      return false;
    }
    throw this.fail('an attribute type (CDATA, ID, IDREF, IDREFS, ENTITY, ENTITIES, NMTOKEN, NMTOKENS, NOTATION or an enumeration) was expected');
  }

  private enumeration(item: () => void): void {
    this.expect('(');
    for (;;) {
      this.space(false);
      item();
      this.space(false);
      if (this.s[this.i] === ')') break;
      this.expect('|');
    }
    this.i++;
  }

  private defaultDecl(cdata: boolean): string | null {
    if (this.peekWord('#REQUIRED')) {
      this.i += 9;
      return null;
    }
    if (this.peekWord('#IMPLIED')) {
      this.i += 8;
      return null;
    }
    if (this.peekWord('#FIXED')) {
      this.i += 6;
      this.space(true);
    }
    const quote = this.s[this.i];
    if (quote !== '"' && quote !== "'") throw this.fail('#REQUIRED, #IMPLIED, #FIXED or a quoted default value was expected');
    const close = this.s.indexOf(quote, this.i + 1);
    if (close < 0) throw this.fail('the default value is not closed');
    const value = this.expander.expandAttributeText(this.s.slice(this.i + 1, close), this.where(this.i));
    this.i = close + 1;
    return cdata ? value : value.replace(/ +/g, ' ').trim();
  }

  private elementDecl(): void {
    this.expect('<!ELEMENT');
    this.space(true);
    this.qname('an ELEMENT');
    this.space(true);
    if (this.peekWord('EMPTY')) this.i += 5;
    else if (this.peekWord('ANY')) this.i += 3;
    else {
      this.expect('(');
      this.space(false);
      if (this.s.startsWith('#PCDATA', this.i)) this.mixed();
      else this.children();
    }
    this.space(false);
    this.expect('>');
  }

  /** `(#PCDATA)`, `(#PCDATA)*` or `(#PCDATA | a | b)*`, past the `(`. */
  private mixed(): void {
    this.i += 7;
    let names = 0;
    for (;;) {
      this.space(false);
      if (this.s[this.i] === ')') break;
      this.expect('|');
      this.space(false);
      this.qname('a mixed content model');
      names++;
    }
    this.i++;
    if (this.s[this.i] === '*') this.i++;
    else if (names > 0) throw this.fail('a mixed content model with element names must end with )*');
  }

  /** A choice or sequence, past its `(`, with its occurrence indicator. */
  private children(): void {
    let separator = '';
    for (;;) {
      this.space(false);
      if (this.s[this.i] === '(') {
        this.i++;
        this.space(false);
        this.children();
      } else {
        this.qname('a content model');
        this.occurrence();
      }
      this.space(false);
      const c = this.s[this.i];
      if (c === ')') break;
      if (c !== '|' && c !== ',') throw this.fail('| , or ) was expected in the content model');
      if (separator !== '' && c !== separator) throw this.fail('a content model may not mix | and , in one group');
      separator = c;
      this.i++;
    }
    this.i++;
    this.occurrence();
  }

  private occurrence(): void {
    const c = this.s[this.i];
    if (c === '?' || c === '*' || c === '+') this.i++;
  }

  private notationDecl(): void {
    this.expect('<!NOTATION');
    this.space(true);
    this.ncname('a notation');
    this.space(true);
    if (this.peekWord('PUBLIC')) {
      this.i += 6;
      this.space(true);
      this.pubidLiteral();
      const spaced = this.space(false);
      if (spaced && (this.s[this.i] === '"' || this.s[this.i] === "'")) this.quoted('system literal');
    } else {
      this.externalId(true);
    }
    this.space(false);
    this.expect('>');
  }

  /** `SYSTEM "uri"` or `PUBLIC "pubid" "uri"`; returns the system literal. */
  private externalId(required: boolean): string {
    if (this.peekWord('SYSTEM')) {
      this.i += 6;
      this.space(true);
      return this.quoted('system literal');
    }
    if (this.peekWord('PUBLIC')) {
      this.i += 6;
      this.space(true);
      this.pubidLiteral();
      this.space(true);
      return this.quoted('system literal');
    }
    if (required) throw this.fail('a quoted value, SYSTEM or PUBLIC was expected');
    return '';
  }

  private pubidLiteral(): void {
    const at = this.i;
    const id = this.quoted('public identifier');
    if (!PUBID.test(id)) throw this.fail('the public identifier has a character a PubidLiteral may not contain', at);
  }

  private comment(): void {
    const end = this.s.indexOf('-->', this.i + 4);
    if (end < 0) throw this.fail('the comment is not closed by -->');
    const dashes = this.s.indexOf('--', this.i + 4);
    if (dashes < end) throw this.fail('-- may not occur within a comment', dashes);
    this.i = end + 3;
  }

  private pi(): void {
    this.i += 2;
    const target = this.ncname('a processing instruction target');
    if (target.toLowerCase() === 'xml') throw this.fail('the XML declaration is allowed only at the start of the document');
    const end = this.s.indexOf('?>', this.i);
    if (end < 0) throw this.fail('the processing instruction is not closed by ?>');
    if (end > this.i && !this.space(false)) throw this.fail('white space was expected after the processing instruction target');
    this.i = end + 2;
  }

  private quoted(what: string): string {
    const quote = this.s[this.i];
    if (quote !== '"' && quote !== "'") throw this.fail(`a quoted ${what} was expected`);
    const close = this.s.indexOf(quote, this.i + 1);
    if (close < 0) throw this.fail(`the ${what} is not closed`);
    const value = this.s.slice(this.i + 1, close);
    this.i = close + 1;
    return value;
  }

  private ncname(what: string): string {
    const at = this.i;
    const name = this.token(NAME, `the name of ${what}`);
    if (!NCNAME_WHOLE.test(name)) throw this.fail(`the name of ${what} may not contain a colon (Namespaces in XML 1.0 §7): ${name}`, at);
    return name;
  }

  private qname(what: string): string {
    const at = this.i;
    const name = this.token(NAME, `the name in ${what}`);
    if (!isQName(name)) throw this.fail(`"${name}" is not a qualified name (prefix:local, each a name without a colon)`, at);
    return name;
  }

  private token(re: RegExp, what: string): string {
    re.lastIndex = this.i;
    const m = re.exec(this.s);
    if (m === null) throw this.fail(`${what} was expected`);
    this.i += m[0].length;
    return m[0];
  }

  private peekWord(word: string): boolean {
    return this.s.startsWith(word, this.i);
  }

  /** Skips white space; returns whether there was some. */
  private space(required: boolean): boolean {
    const start = this.i;
    const s = this.s;
    for (let c = s.charCodeAt(this.i); c === 0x20 || c === 0x9 || c === 0xa || c === 0xd; c = s.charCodeAt(++this.i));
    if (required && this.i === start) throw this.fail('white space was expected');
    return this.i > start;
  }

  private expect(text: string): void {
    if (!this.s.startsWith(text, this.i)) throw this.fail(`${text} was expected`);
    this.i += text.length;
  }

  private at(): number {
    return this.i;
  }

  /** Where an error at `index` is reported: inside a parameter entity, at its reference. */
  private where(index: number): At {
    return this.origin?.at ?? this.position(index);
  }

  private fail(message: string, index = this.i): Error {
    if (this.origin !== null) return syntax(this.origin.at, `in parameter entity %${this.origin.name};: ${message}`);
    const c = this.s.codePointAt(index);
    const found = c === undefined ? 'the end of the document' : isXmlChar(c) ? JSON.stringify(String.fromCodePoint(c)) : `U+${c.toString(16).toUpperCase()}`;
    return syntax(this.position(index), `malformed DOCTYPE: ${message}; found ${found}`);
  }

  /** Line and column (1-based) of `index` in the document, counted as saxes counts them. */
  private position(index: number): At {
    let line = 1;
    let lineStart = 0;
    for (let k = this.s.indexOf('\n'); k >= 0 && k < index; k = this.s.indexOf('\n', k + 1)) {
      line++;
      lineStart = k + 1;
    }
    return { line, column: index - lineStart + 1 };
  }
}
