import type { GuessedType } from './column-guess.js';

/** What the evidence for a path was: counts from sample documents, or an XSD's declaration. */
export type PathEvidence =
  | {
      readonly kind: 'samples';
      /** Parent elements that had this child or attribute at least once. */
      readonly present: number;
      /** Parent elements seen in all. */
      readonly of: number;
      /** Most occurrences under one parent. */
      readonly maxRepeats: number;
    }
  | {
      readonly kind: 'xsd';
      readonly minOccurs: number;
      readonly maxOccurs: number | 'unbounded';
      /** The XSD type as written (`xs:decimal`, a named simple type), if any. */
      readonly type?: string;
    };

/**
 * The shape of a document type as inference sees it, whatever it was learnt from: elements and
 * attributes, whether each repeats or may be absent, and the type of the values it carries.
 */
export interface ShapeNode {
  /** The step as a mapping path writes it: `Contact`, `@id`, `@xml:lang`. */
  readonly step: string;
  /** The name tables and columns are named after (no prefix). */
  readonly localName: string;
  readonly isAttribute: boolean;
  /** Occurs more than once under one parent: becomes a table. */
  readonly repeated: boolean;
  /** Absent under some parent: its columns are nullable. */
  readonly optional: boolean;
  /** The type of its text or attribute value, if it carries one that becomes a column. */
  readonly value?: GuessedType;
  readonly children: readonly ShapeNode[];
  readonly evidence: PathEvidence;
  /** Namespace URIs the element was seen in (`''` for none); paths match by local name, whatever the namespace. */
  readonly namespaces: readonly string[];
  /** What does not fit, said once per path (mixed root names, several namespaces, type conflicts). */
  readonly notes: readonly string[];
}
