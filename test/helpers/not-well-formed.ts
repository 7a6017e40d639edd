import { XmlError, parseXml } from '../../src/xml/index.js';

/** The error `parseXml` throws for `xml`, which must be an XmlError with a `line:column: ` prefix. */
export function notWellFormed(xml: string | Uint8Array): XmlError & { line?: number; column?: number } {
  try {
    parseXml(xml);
  } catch (err) {
    if (err instanceof XmlError) return err;
    throw err;
  }
  throw new Error(`expected the document to fail: ${String(xml).slice(0, 80)}`);
}

/** `line:column` of an error message. */
export function positionOf(err: Error): string {
  return /^(\d+:\d+): /.exec(err.message)?.[1] ?? `(no position in "${err.message}")`;
}
