/** Where a field's path comes from: an element, and what follows it (`''`, `/@id`, `/Missing/Step`). */
interface PathOrigin {
  pathString(): string;
}

/**
 * A value read from a document together with the absolute XML path it was read from, so a
 * conversion error can say where a bad value came from. The path is computed only when asked
 * for: mappers create a field per column and almost none of them are ever shown.
 *
 * ```ts
 * const birth = doc.root.field('Applicant/BirthDate');
 * // birth.value === '1984-02-30', birth.path === '/Application/Applicant/BirthDate'
 * ```
 */
export class XmlField {
  #path: string | undefined;
  readonly #origin: PathOrigin | null;
  readonly #suffix: string;
  readonly #suffixFrom: number;

  constructor(
    /** The text or attribute value; `undefined` when the element or attribute is absent. */
    readonly value: string | undefined,
    path: string | PathOrigin | null,
    suffix = '',
    /**
     * @internal When given, the suffix is `/` and `suffix` from this offset on, worked out only if
     * the path is asked for: the parser's `field()` passes the query path as it is, so a value that
     * never fails costs no string for its path.
     */
    suffixFrom = -1,
  ) {
    if (typeof path === 'string') {
      this.#path = path;
      this.#origin = null;
    } else {
      this.#origin = path;
    }
    this.#suffix = suffix;
    this.#suffixFrom = suffixFrom;
  }

  /** Absolute path of what was (or would have been) selected, e.g. `/Application/@id`. */
  get path(): string {
    const suffix = this.#suffixFrom < 0 ? this.#suffix : `/${this.#suffix.slice(this.#suffixFrom)}`;
    return (this.#path ??= `${this.#origin === null ? '' : this.#origin.pathString()}${suffix}`);
  }

  /** `{ value, path }`, so fields print and serialise with their path. */
  toJSON(): { value: string | undefined; path: string } {
    return { value: this.value, path: this.path };
  }
}
