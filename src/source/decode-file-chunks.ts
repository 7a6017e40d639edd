import { TextDecoder } from 'node:util';
import { detectEncoding } from '../xml/decode-payload.js';
import { XmlEncodingError } from '../xml/xml-errors.js';

/** Enough bytes to hold a byte order mark and an XML declaration. */
const HEAD_BYTES = 512;

/**
 * Decodes a file's chunks into text as its byte order mark and XML declaration say (UTF-8 when
 * neither says anything), whatever the chunk boundaries. Bytes that are not valid in that
 * encoding throw `XmlEncodingError` with the file and the offset of the chunk that holds them.
 */
export async function* decodeFileChunks(chunks: AsyncIterable<Buffer>, file: string): AsyncGenerator<string> {
  let head: Buffer[] = [];
  let headBytes = 0;
  let decoder: TextDecoder | null = null;
  let offset = 0;
  const decode = (bytes: Buffer, stream: boolean): string => {
    try {
      return decoder!.decode(bytes, { stream });
    } catch (error) {
      throw new XmlEncodingError(
        `${file}: the bytes from offset ${offset} on are not valid ${decoder!.encoding}, the file's encoding by its XML declaration (or UTF-8 by default); fix the declaration or re-encode the file`,
        decoder!.encoding,
        { cause: error },
      );
    }
  };
  const start = (): string => {
    const bytes = Buffer.concat(head);
    head = [];
    decoder = new TextDecoder(detectFor(bytes, file), { fatal: true });
    return decode(bytes, true);
  };
  for await (const chunk of chunks) {
    if (decoder === null) {
      head.push(chunk);
      headBytes += chunk.length;
      if (headBytes < HEAD_BYTES) continue;
      yield start();
    } else {
      yield decode(chunk, true);
    }
    offset += chunk.length;
  }
  if (decoder === null) yield start();
  yield decode(Buffer.alloc(0), false);
}

function detectFor(head: Buffer, file: string): string {
  try {
    return detectEncoding(head);
  } catch (error) {
    if (error instanceof XmlEncodingError) throw new XmlEncodingError(`${file}: ${error.message}`, error.encoding, { cause: error });
    throw error;
  }
}
