/**
 * A value read from a document together with the absolute XML path it was read from, so a
 * conversion error can say where a bad value came from.
 *
 * ```ts
 * const birth = doc.root.field('Applicant/BirthDate');
 * // birth.value === '1984-02-30', birth.path === '/Application/Applicant/BirthDate'
 * ```
 */
export class XmlField {
  constructor(
    /** The text or attribute value; `undefined` when the element or attribute is absent. */
    readonly value: string | undefined,
    /** Absolute path of what was (or would have been) selected, e.g. `/Application/@id`. */
    readonly path: string,
  ) {}
}
