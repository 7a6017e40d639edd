import { PREDEFINED_ENTITIES, type Dtd, type EntityDecl } from './dtd.js';
import { XmlForbiddenError, XmlLimitError, XmlSyntaxError } from './xml-errors.js';
import { isXmlChar } from './xml-names.js';

/** Where an error is reported: the position of the reference in the document. */
export interface At {
  readonly line: number;
  readonly column: number;
}

/** The limits on entity expansion, as in `ParseLimits`. */
export interface ExpansionLimits {
  readonly maxEntityExpansionChars: number;
  readonly maxEntityDepth: number;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };
const REFERENCE = /&(#x[0-9a-fA-F]+|#[0-9]+|[^;&\s]+);|&/g;

/**
 * Expands entity references within limits. Every expansion is charged the length of the
 * replacement text it parses (at least 1), so the total work and memory an entity can cause are
 * bounded by `maxEntityExpansionChars` however the entities nest (billion laughs) or repeat
 * (quadratic blow-up); entities open at once are bounded by `maxEntityDepth`, and an entity that
 * refers to itself, directly or not, fails at once (XML 1.0 WFC: No Recursion).
 */
export class EntityExpander {
  private used = 0;
  private readonly open: string[] = [];

  constructor(
    private readonly dtd: Dtd,
    private readonly limits: ExpansionLimits,
  ) {}

  /** The declaration of general entity `name` referenced at `at`; fails if it cannot be expanded here. */
  general(name: string, at: At, inAttribute: boolean): EntityDecl & { kind: 'internal' } {
    const decl = this.dtd.entities.get(name);
    if (decl === undefined) {
      if (this.dtd.unread !== null) {
        throw new XmlForbiddenError(
          `${at.line}:${at.column}: entity &${name}; is not declared in the document; it may be declared in ${this.dtd.unread}, which Sluice never reads: declare the entity in the internal subset, or replace the reference with its text`,
          'external-entity',
          at.line,
          at.column,
        );
      }
      throw syntax(at, `undefined entity &${name}; (declare it in the DOCTYPE's internal subset, or write &amp; for a literal &)`);
    }
    if (decl.kind === 'unparsed') throw syntax(at, `entity &${name}; is unparsed (NDATA ${decl.notation}) and may not be referenced in ${inAttribute ? 'an attribute value' : 'content'}`);
    if (decl.kind === 'external') {
      throw new XmlForbiddenError(
        `${at.line}:${at.column}: entity &${name}; is external ("${decl.systemId}"), and Sluice never fetches or reads an external entity: remove the reference or declare the entity with its text`,
        'external-entity',
        at.line,
        at.column,
      );
    }
    return decl;
  }

  /** Marks entity `name` (`&name;` or `%name;`) open, charging its replacement text; pair with `leave`. */
  enter(sigil: '&' | '%', name: string, text: string, at: At): void {
    const ref = `${sigil}${name};`;
    if (this.open.includes(ref)) throw syntax(at, `entity ${ref} refers to itself (through ${[...this.open, ref].join(' → ')})`);
    if (this.open.length >= this.limits.maxEntityDepth) {
      throw new XmlLimitError(
        'maxEntityDepth',
        this.open.length + 1,
        this.limits.maxEntityDepth,
        `${at.line}:${at.column}: entity ${ref} is nested ${this.open.length + 1} deep in other entities, over the maxEntityDepth limit of ${this.limits.maxEntityDepth}; raise parse.maxEntityDepth if the document is trusted`,
      );
    }
    this.used += Math.max(1, text.length);
    if (this.used > this.limits.maxEntityExpansionChars) {
      throw new XmlLimitError(
        'maxEntityExpansionChars',
        this.used,
        this.limits.maxEntityExpansionChars,
        `${at.line}:${at.column}: expanding entity ${ref} brings the document's entity expansion to ${this.used} characters, over the maxEntityExpansionChars limit of ${this.limits.maxEntityExpansionChars} (an entity bomb, or a document that needs parse.maxEntityExpansionChars raised)`,
      );
    }
    this.open.push(ref);
  }

  leave(): void {
    this.open.pop();
  }

  /** The innermost entity being expanded, as `&name;`. */
  current(): string {
    return this.open[this.open.length - 1] ?? '';
  }

  /**
   * The text an entity's replacement text stands for in content, when neither it nor the entities
   * it refers to hold markup; null when they do (the caller parses it as content then). Billion
   * laughs is all references and no markup: expanding it as text costs no parser per entity.
   */
  contentText(text: string, at: At): string | null {
    if (text.indexOf('<') >= 0 || text.indexOf(']]>') >= 0) return null;
    if (text.indexOf('&') < 0) return text;
    let out = '';
    let last = 0;
    for (const m of text.matchAll(REFERENCE)) {
      out += text.slice(last, m.index);
      last = m.index + m[0].length;
      const ref = m[1];
      if (ref === undefined) throw syntax(at, `an & in content must start a reference such as &amp;`);
      if (ref[0] === '#') out += characterReference(ref, at);
      else if (PREDEFINED_ENTITIES.has(ref)) out += PREDEFINED[ref];
      else {
        const decl = this.general(ref, at, false);
        this.enter('&', ref, decl.value, at);
        try {
          const inner = this.contentText(decl.value, at);
          if (inner === null) return null;
          out += inner;
        } finally {
          this.leave();
        }
      }
    }
    return out + text.slice(last);
  }

  /** The text general entity `name` stands for in an attribute value, normalized (XML 1.0 §3.3.3). */
  attributeValue(name: string, at: At): string {
    const decl = this.general(name, at, true);
    this.enter('&', name, decl.value, at);
    try {
      return this.expandAttributeText(decl.value, at);
    } finally {
      this.leave();
    }
  }

  /**
   * Expands the references in attribute-value text and normalizes its white space: a literal
   * tab, newline or carriage return becomes a space, one given by a character reference stays.
   */
  expandAttributeText(text: string, at: At): string {
    if (text.indexOf('&') < 0 && text.indexOf('<') < 0) return text.replace(/[\t\n\r]/g, ' ');
    let out = '';
    let last = 0;
    for (const m of text.matchAll(REFERENCE)) {
      out += literal(text.slice(last, m.index), at);
      last = m.index + m[0].length;
      const ref = m[1];
      if (ref === undefined) throw syntax(at, `an & in an attribute value must start a reference such as &amp;`);
      if (ref[0] === '#') out += characterReference(ref, at);
      else if (PREDEFINED_ENTITIES.has(ref)) out += PREDEFINED[ref];
      else out += this.attributeValue(ref, at);
    }
    return out + literal(text.slice(last), at);
  }
}

function literal(text: string, at: At): string {
  if (text.indexOf('<') >= 0) throw syntax(at, 'an attribute value may not contain <, not even through an entity (XML 1.0 WFC: No < in Attribute Values)');
  return text.replace(/[\t\n\r]/g, ' ');
}

/** The character a reference such as `#x41` or `#65` stands for; fails if it is not a Char. */
export function characterReference(ref: string, at: At): string {
  const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
  if (!isXmlChar(code)) throw syntax(at, `&${ref}; is not a legal character (XML 1.0 WFC: Legal Character)`);
  return String.fromCodePoint(code);
}

export function syntax(at: At, message: string): XmlSyntaxError {
  return new XmlSyntaxError(`${at.line}:${at.column}: ${message}`, at.line, at.column);
}
