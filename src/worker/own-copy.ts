/**
 * V8 cuts a substring of 13 characters or more (`SlicedString::kMinLength`) as a view into the
 * string it came from: saxes' text and attribute values are such views into the whole document.
 * A row keeping one keeps the whole document alive (twice its bytes once it holds a character
 * beyond Latin-1) until its task returns, so a task's documents survived young-generation
 * collections, were copied into the old generation and collected again there.
 */
export const SLICE_MIN_LENGTH = 13;

/**
 * The string's characters in a string of their own, so that keeping it keeps nothing else alive.
 * Shorter strings are returned as they are: V8 copies those when it cuts them.
 *
 * ```ts
 * const email = ownCopy(doc.slice(40_000, 40_024)); // the 24 characters, not a view into doc
 * ```
 */
export function ownCopy(s: string): string {
  // ' ' + s is a cons string; slicing it flattens it into a new flat string of the characters,
  // which the result views: the document is no longer referenced.
  return s.length < SLICE_MIN_LENGTH ? s : (' ' + s).slice(1);
}
