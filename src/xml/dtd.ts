/** A general entity declared in the internal subset. */
export type EntityDecl =
  | { readonly kind: 'internal'; readonly name: string; /** Replacement text: character references expanded, entity references kept. */ readonly value: string }
  | { readonly kind: 'external'; readonly name: string; readonly systemId: string }
  | { readonly kind: 'unparsed'; readonly name: string; readonly notation: string };

/** An attribute declared by an ATTLIST of the internal subset. */
export interface AttributeDecl {
  readonly name: string;
  /** False for every type but CDATA: such values are trimmed and their spaces collapsed (XML 1.0 §3.3.3). */
  readonly cdata: boolean;
  /** The default value, normalized, or null for #REQUIRED and #IMPLIED. */
  readonly defaultValue: string | null;
}

/** What Sluice takes from a DOCTYPE: internal general entities and attribute declarations. */
export interface Dtd {
  readonly entities: ReadonlyMap<string, EntityDecl>;
  /** Attribute declarations by element name (as written, prefix included). */
  readonly attributes: ReadonlyMap<string, readonly AttributeDecl[]>;
  /**
   * Where declarations Sluice did not read may be ('the external DTD "ldml.dtd"', 'the external
   * parameter entity %p;'), or null when the internal subset is the whole DTD. When set, an
   * undeclared entity is reported as possibly external rather than as a syntax error.
   */
  readonly unread: string | null;
}

/** The entities every document has (XML 1.0 §4.6); a declaration of them is ignored. */
export const PREDEFINED_ENTITIES: ReadonlySet<string> = new Set(['lt', 'gt', 'amp', 'apos', 'quot']);
