// The name productions of XML 1.0 (fifth edition) §2.3 and of Namespaces in XML 1.0 (NCName).
const START = 'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C-\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const REST = `${START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F-\\u2040`;

/** A Name (colons allowed), at the reader's position. */
export const NAME = new RegExp(`[:${START}][:${REST}]*`, 'uy');
/** An Nmtoken, at the reader's position. */
export const NMTOKEN = new RegExp(`[:${REST}]+`, 'uy');
/** A whole NCName: a name without a colon. */
export const NCNAME_WHOLE = new RegExp(`^[${START}][${REST}]*$`, 'u');

/** True if `name` is a QName: an NCName, or two NCNames joined by one colon. */
export function isQName(name: string): boolean {
  const colon = name.indexOf(':');
  if (colon < 0) return NCNAME_WHOLE.test(name);
  return NCNAME_WHOLE.test(name.slice(0, colon)) && NCNAME_WHOLE.test(name.slice(colon + 1));
}

/** True if `code` is a Char of XML 1.0 §2.2. */
export function isXmlChar(code: number): boolean {
  return code === 0x9 || code === 0xa || code === 0xd || (code >= 0x20 && code <= 0xd7ff) || (code >= 0xe000 && code <= 0xfffd) || (code >= 0x10000 && code <= 0x10ffff);
}
