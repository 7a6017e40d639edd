export { DEFAULT_PARSE_LIMITS, parseXml } from './parse-xml.js';
export type { ParseLimits, XmlDocument } from './parse-xml.js';
export { XmlElement } from './xml-element.js';
export type { XmlAttributes } from './attribute-list.js';
export { XmlField } from './xml-field.js';
export { XmlEncodingError, XmlError, XmlForbiddenError, XmlLimitError, XmlSyntaxError } from './xml-errors.js';
export type { XmlLimit } from './xml-errors.js';
