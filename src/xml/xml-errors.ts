/** Base class of every error `parseXml` throws, so one `instanceof` catches them all. */
export abstract class XmlError extends Error {}

/**
 * The document is not well-formed XML (or not namespace-well-formed).
 * The message starts with saxes' `line:column: ` prefix, e.g. `3:14: unclosed tag: Applicant`.
 */
export class XmlSyntaxError extends XmlError {
  override name = 'XmlSyntaxError';
  constructor(
    message: string,
    /** One-based line of the error, as in the message. */
    readonly line: number,
    /** Column as in the message: saxes counts Unicode characters, so this is the 1-based column of the character that gave the error away. */
    readonly column: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Which parse limit a document exceeded. */
export type XmlLimit = 'maxDocumentBytes' | 'maxDepth' | 'maxElements' | 'maxEntityExpansionChars' | 'maxEntityDepth';

/** The document exceeds a parse limit (size, nesting depth, element count, entity expansion); it was not (fully) parsed. */
export class XmlLimitError extends XmlError {
  override name = 'XmlLimitError';
  constructor(
    /** The limit that was exceeded. */
    readonly limit: XmlLimit,
    /** The document's value: its size in bytes, the depth reached, the elements counted, or the characters of entity expansion reached. */
    readonly actual: number,
    /** The configured limit. */
    readonly max: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The document uses a construct Sluice refuses on principle: a reference to an external entity
 * (never fetched or read, so XXE cannot happen), or any DOCTYPE when `parse.doctype` is 'reject'.
 */
export class XmlForbiddenError extends XmlError {
  override name = 'XmlForbiddenError';
  constructor(
    message: string,
    /** The construct that was refused. */
    readonly construct: 'doctype' | 'external-entity',
    /** One-based line where the parser stopped. */
    readonly line: number,
    /** Column where the parser stopped, counted as saxes counts it. */
    readonly column: number,
  ) {
    super(message);
  }
}

/**
 * A byte payload could not be decoded: its encoding is unknown to the platform, its XML
 * declaration contradicts its bytes, or the bytes are not valid in its encoding. It was not parsed.
 */
export class XmlEncodingError extends XmlError {
  override name = 'XmlEncodingError';
  constructor(
    message: string,
    /** The encoding at fault, as the document names it (or as the bytes show it). */
    readonly encoding: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
