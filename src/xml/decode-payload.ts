import { Buffer, isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { XmlEncodingError } from './xml-errors.js';

/** What the first bytes say about the encoding (XML 1.0 appendix F). */
interface Sniffed {
  /** The encoding the bytes themselves show: a byte order mark, or `<?` in UTF-16. */
  readonly encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | null;
  /** Why: 'byte order mark' or 'first bytes'. */
  readonly evidence: string;
}

const decoders = new Map<string, TextDecoder>();
const DECLARATION = /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(["'])[^"']*\1(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(["'])([^"']*)\2)?/;

/**
 * Turns a payload into text. Text is returned as it is: it is already characters, so its
 * declared encoding is ignored. Bytes are decoded as their byte order mark and XML declaration
 * say (UTF-8 when neither says anything), with any encoding the platform's `TextDecoder` knows.
 * Throws `XmlEncodingError`, naming the encoding, when it is unknown, when the declaration
 * contradicts the bytes (a UTF-16 byte order mark under `encoding="ISO-8859-1"`), or when the
 * bytes are not valid in it.
 *
 * ```ts
 * decodePayload(Uint8Array.of(...bytesOf('<?xml version="1.0" encoding="koi8-r"?><a>'), 0xf0, 0xd2, ...bytesOf('</a>'))); // '…<a>Пр</a>'
 * ```
 */
export function decodePayload(payload: string | Uint8Array): string {
  if (typeof payload === 'string') return payload;
  const { encoding, label, sniffed } = detect(payload);
  try {
    // UTF-8, nearly every document: validated and decoded by Node's own UTF-8 routines, measured
    // 25 -> 17 µs for a 3.8 KB document against a fatal TextDecoder, with the same result.
    if (encoding === 'utf-8') return utf8(payload);
    return decoderFor(encoding).decode(payload);
  } catch (error) {
    const as = label === null ? `${encoding} (${sniffed.encoding === null ? 'the default: the document has no encoding declaration' : `as its ${sniffed.evidence} says`})` : `${label}, as its XML declaration says`;
    throw new XmlEncodingError(`the document's bytes are not valid ${as}; fix the declaration or re-encode the document`, encoding, { cause: error });
  }
}

/**
 * The encoding (a WHATWG name that `TextDecoder` accepts) of a document that starts with `head`
 * (its first 512 bytes are enough). Throws `XmlEncodingError` as `decodePayload` does.
 */
export function detectEncoding(head: Uint8Array): string {
  return detect(head).encoding;
}

function detect(b: Uint8Array): { encoding: string; label: string | null; sniffed: Sniffed } {
  const sniffed = sniff(b);
  const label = declaredEncoding(b, sniffed.encoding);
  return { encoding: label === null ? (sniffed.encoding ?? 'utf-8') : resolve(label, sniffed), label, sniffed };
}

function sniff(b: Uint8Array): Sniffed {
  const [b0, b1, b2, b3] = [b[0], b[1], b[2], b[3]];
  if ((b0 === 0x00 && b1 === 0x00 && (b2 === 0xfe || b2 === 0x00)) || (b0 === 0xff && b1 === 0xfe && b2 === 0x00 && b3 === 0x00) || (b0 === 0x3c && b1 === 0x00 && b2 === 0x00 && b3 === 0x00)) {
    throw new XmlEncodingError('the document is in UTF-32, which this platform cannot decode; re-encode it as UTF-8 or UTF-16', 'utf-32');
  }
  if (b0 === 0x4c && b1 === 0x6f && b2 === 0xa7 && b3 === 0x94) {
    throw new XmlEncodingError('the document is in an EBCDIC encoding, which this platform cannot decode; re-encode it as UTF-8', 'ebcdic');
  }
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { encoding: 'utf-8', evidence: 'byte order mark' };
  if (b0 === 0xff && b1 === 0xfe) return { encoding: 'utf-16le', evidence: 'byte order mark' };
  if (b0 === 0xfe && b1 === 0xff) return { encoding: 'utf-16be', evidence: 'byte order mark' };
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return { encoding: 'utf-16le', evidence: 'first bytes' };
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return { encoding: 'utf-16be', evidence: 'first bytes' };
  return { encoding: null, evidence: 'first bytes' };
}

/** The encoding name in the XML declaration, or null if there is none. */
function declaredEncoding(b: Uint8Array, sniffed: Sniffed['encoding']): string | null {
  if (sniffed === 'utf-16le' || sniffed === 'utf-16be') {
    const text = new TextDecoder(sniffed).decode(b.subarray(0, 512));
    return DECLARATION.exec(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text)?.[3] ?? null;
  }
  // Single bytes: only a document starting `<?xml` (after a UTF-8 byte order mark) has a
  // declaration, and only its bytes up to `?>` are read as text.
  const start = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  if (b[start] !== 0x3c || b[start + 1] !== 0x3f || b[start + 2] !== 0x78 || b[start + 3] !== 0x6d || b[start + 4] !== 0x6c) return null;
  let end = start + 5;
  const limit = Math.min(b.length, start + 512);
  while (end < limit && !(b[end] === 0x3f && b[end + 1] === 0x3e)) end++;
  return DECLARATION.exec(String.fromCharCode.apply(null, b.subarray(start, end) as unknown as number[]))?.[3] ?? null;
}

/** UTF-8 bytes as text, without a byte order mark; throws TypeError as a fatal TextDecoder does. */
function utf8(b: Uint8Array): string {
  if (!isUtf8(b)) throw new TypeError('The encoded data was not valid for encoding utf-8');
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const bytes = Buffer.from(b.buffer, b.byteOffset + bom, b.byteLength - bom);
  return latin1Range(bytes) ?? bytes.toString('utf8');
}

/**
 * Valid UTF-8 whose characters are all below U+0100 (ASCII with the odd é), decoded as runs of
 * ASCII copied byte for byte and each two-byte character between them; undefined for a
 * character beyond U+00FF, or for more of those two-byte characters than pays (the caller then
 * decodes it all as UTF-8). Node's UTF-8 decoder takes 2.27–2.58 ns a byte once a document has
 * one non-ASCII byte; the runs cost the scans of two byte values and an ASCII check (SIMD).
 * The same string either way: in valid UTF-8, 0xC2 and 0xC3 only ever start the two-byte
 * characters U+0080 to U+00FF, and a run holding any other byte above 0x7F is refused.
 */
export function latin1Range(bytes: Buffer): string | undefined {
  const n = bytes.length;
  let c2 = bytes.indexOf(0xc2);
  let c3 = bytes.indexOf(0xc3);
  if (c2 === -1 && c3 === -1) return isAscii(bytes) ? bytes.toString('latin1') : undefined;
  // Each character costs a slice and two scans: past one a 128 bytes, decoding all is as cheap.
  const most = (n >> 7) + 8;
  // Joined, not concatenated: a concatenation is a rope, which saxes reads through an extra
  // indirection at every character even once V8 has flattened it.
  const parts: string[] = [];
  let from = 0;
  for (let count = 0; ; count++) {
    const at = c2 === -1 ? c3 : c3 === -1 ? c2 : Math.min(c2, c3);
    const end = at === -1 ? n : at;
    if (!isAscii(bytes.subarray(from, end))) return undefined;
    parts.push(bytes.toString('latin1', from, end));
    if (at === -1) return parts.join('');
    if (count === most) return undefined;
    parts.push(String.fromCharCode(((bytes[at]! & 0x1f) << 6) | (bytes[at + 1]! & 0x3f)));
    from = at + 2;
    if (at === c2) c2 = bytes.indexOf(0xc2, from);
    else c3 = bytes.indexOf(0xc3, from);
  }
}

/** The WHATWG name of a declared encoding, checked against what the bytes show. */
function resolve(label: string, sniffed: Sniffed): string {
  let encoding: string;
  try {
    encoding = decoderFor(label).encoding;
  } catch (error) {
    throw new XmlEncodingError(`the XML declaration names encoding "${label}", which this platform cannot decode; re-encode the document as UTF-8 or fix the declaration`, label, { cause: error });
  }
  const declaredUtf16 = encoding === 'utf-16le' || encoding === 'utf-16be';
  const shown = sniffed.encoding;
  const contradicts =
    shown === null
      ? declaredUtf16
      : shown === 'utf-8'
        ? encoding !== 'utf-8'
        : !declaredUtf16 || (/(?:le|be)$/i.test(label) && encoding !== shown);
  if (contradicts) {
    const bytesSay = shown === null ? 'the bytes are not UTF-16 (no byte order mark, and "<?xml" is in single bytes)' : `its ${sniffed.evidence} says ${shown.toUpperCase()}`;
    throw new XmlEncodingError(`the XML declaration says encoding="${label}" but ${bytesSay}; fix the declaration or re-encode the document`, label);
  }
  // A generic "UTF-16" follows the byte order the bytes show.
  return declaredUtf16 && shown !== null ? shown : encoding;
}

function decoderFor(encoding: string): TextDecoder {
  const key = encoding.toLowerCase();
  let d = decoders.get(key);
  if (d === undefined) {
    // Only labels the platform knows are cached, so the map stays as small as its label list.
    d = new TextDecoder(key, { fatal: true });
    decoders.set(key, d);
  }
  return d;
}
