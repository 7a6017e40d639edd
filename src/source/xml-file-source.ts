import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { SluiceConfigError } from '../core/errors.js';
import type { RecordKey, SourceRecord } from '../core/record.js';
import type { Source } from './source.js';

/** Options of `fromXmlFile`. */
export interface XmlFileSourceOptions {
  /** Local name of the repeated element that makes one record each, e.g. `Application`. */
  readonly element: string;
  /** Attribute of that element holding the key; integer-looking values become numbers. @default the record's 1-based position */
  readonly keyAttribute?: string;
  /** Child element (a `/`-separated path under the record element) whose text is the key; instead of `keyAttribute`. */
  readonly keyPath?: string;
  /** Bytes read at a time. @default 1 MiB */
  readonly chunkBytes?: number;
}

/**
 * One large XML file split into records by a repeated element, read as a stream in constant
 * memory whatever the file's size: the reader holds one chunk and the record being cut, never
 * the file. Namespace declarations of the enclosing elements are copied onto each record, so a
 * prefixed record parses on its own. Comments and CDATA sections are skipped when looking for
 * element boundaries; a DOCTYPE is not processed (the record fails in the parser if it relies on one).
 *
 * @example
 * ```ts
 * const source = fromXmlFile('applications.xml', { element: 'Application', keyAttribute: 'id' });
 * ```
 */
export function fromXmlFile(file: string, options: XmlFileSourceOptions): Source {
  if (!/^[A-Za-z_][\w.-]*$/.test(options.element)) {
    throw new SluiceConfigError(`element must be an XML local name such as "Application"; got "${options.element}"`, 'element');
  }
  if (options.keyAttribute !== undefined && options.keyPath !== undefined) {
    throw new SluiceConfigError('give keyAttribute or keyPath, not both', 'keyPath');
  }
  if (options.keyPath !== undefined && !/^[A-Za-z_][\w.-]*(\/[A-Za-z_][\w.-]*)*$/.test(options.keyPath)) {
    throw new SluiceConfigError(`keyPath must be child element names separated by "/", such as "Header/Id"; got "${options.keyPath}"`, 'keyPath');
  }
  return {
    name: `xml:${file}#${options.element}`,
    filtersPartition: false,
    canSkip: () => false,
    async *pages({ pageSize, limit, signal, maxPayloadBytes }) {
      const cutter = new RecordCutter(options.element, maxPayloadBytes ?? Infinity);
      const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 1 << 20 });
      const decoder = new StringDecoder('utf8');
      let page: SourceRecord[] = [];
      let n = 0;
      try {
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          for (const cut of cutter.push(decoder.write(chunk))) {
            if (signal?.aborted || (limit !== undefined && n >= limit)) return;
            page.push(toRecord(cut, ++n, options));
            if (page.length >= pageSize) {
              yield page;
              page = [];
            }
          }
        }
        cutter.end();
        if (page.length) yield page;
      } finally {
        stream.destroy();
      }
    },
    close: async () => {},
  };
}

interface Cut {
  readonly xml: string;
  readonly startTag: string;
  readonly withheldBytes?: number;
}

function toRecord(cut: Cut, position: number, { keyAttribute, keyPath }: XmlFileSourceOptions): SourceRecord {
  let key: RecordKey = position;
  if (keyPath) {
    const v = cut.withheldBytes === undefined ? childText(cut.xml, keyPath) : undefined;
    if (v === undefined) {
      const what = cut.withheldBytes === undefined ? `has no ${keyPath} element with text` : `is over the size limit (${cut.withheldBytes} bytes), so its ${keyPath} key cannot be read`;
      throw new SluiceConfigError(`record ${position} ${what}: ${cut.startTag.slice(0, 120)}; check keyPath`, 'keyPath');
    }
    key = /^-?\d{1,15}$/.test(v) ? Number(v) : v;
  } else if (keyAttribute) {
    const m = new RegExp(`\\s${keyAttribute}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(cut.startTag);
    const v = m?.[2] ?? m?.[3];
    if (v === undefined) throw new SluiceConfigError(`record ${position} has no ${keyAttribute} attribute: ${cut.startTag.slice(0, 120)}`, 'keyAttribute');
    key = /^-?\d{1,15}$/.test(v) ? Number(v) : v;
  }
  return cut.withheldBytes === undefined ? { key, payload: cut.xml } : { key, payload: '', withheldBytes: cut.withheldBytes };
}

/** Text of the first element at `path` (child steps, any prefix) inside a record's XML, trimmed; entities of the five predefined kinds decoded. */
function childText(xml: string, path: string): string | undefined {
  let at = xml.indexOf('>') + 1;
  for (const step of path.split('/')) {
    const m = new RegExp(`<([\\w.-]+:)?${step.replace(/[.]/g, '\\.')}(?=[\\s/>])[^>]*>`, 'g');
    m.lastIndex = at;
    const hit = m.exec(xml);
    if (!hit || hit[0].endsWith('/>')) return undefined;
    at = hit.index + hit[0].length;
  }
  const end = xml.indexOf('<', at);
  let text = xml.slice(at, end < 0 ? xml.length : end);
  if (xml.startsWith('<![CDATA[', end)) text = xml.slice(end + 9, xml.indexOf(']]>', end));
  const v = text.replace(/&(lt|gt|amp|quot|apos);/g, (_, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e]!).trim();
  return v === '' ? undefined : v;
}

/**
 * Cuts records out of a text stream: finds `<[prefix:]element`, follows nesting of the same
 * element, and returns each record once its end tag has arrived. Keeps only the unfinished record.
 */
export class RecordCutter {
  private buf = '';
  private pos = 0;
  /** Depth inside the current record (0: between records). */
  private depth = 0;
  private start = -1;
  private startTag = '';
  private readonly namespaces = new Map<string, string>();
  /** Bytes of a record being skipped because it is over the size limit. */
  private skipped = 0;
  private readonly open: RegExp;

  constructor(
    element: string,
    private readonly maxBytes: number,
  ) {
    this.open = new RegExp(`^<([A-Za-z_][\\w.-]*:)?${element}(?=[\\s/>])`);
  }

  push(text: string): Cut[] {
    this.buf += text;
    const out: Cut[] = [];
    for (;;) {
      const lt = this.buf.indexOf('<', this.pos);
      if (lt < 0) {
        this.pos = this.buf.length;
        break;
      }
      const end = this.markupEnd(lt);
      if (end < 0) {
        this.pos = lt; // the markup is cut by the chunk: wait for more text
        break;
      }
      const tag = this.buf.slice(lt, end);
      this.pos = end;
      if (tag.startsWith('<!') || tag.startsWith('<?')) continue;
      const closing = tag.startsWith('</');
      const selfClosing = tag.endsWith('/>');
      const isRecord = closing ? this.open.test(`<${tag.slice(2)}`) : this.open.test(tag);
      if (this.depth === 0) {
        if (!isRecord || closing) {
          if (!closing) this.collectNamespaces(tag);
          continue;
        }
        this.start = lt;
        this.startTag = tag;
        this.skipped = 0;
        if (selfClosing) out.push(this.cut(end));
        else this.depth = 1;
        continue;
      }
      if (isRecord && !selfClosing) this.depth += closing ? -1 : 1;
      if (this.depth === 0) out.push(this.cut(end));
    }
    this.compact();
    return out;
  }

  /** Throws if the stream ended inside a record. */
  end(): void {
    if (this.depth > 0) throw new SluiceConfigError(`the file ends inside a record that starts with ${this.startTag.slice(0, 120)}`, 'source');
  }

  /** Index just past the markup starting at `lt`, or -1 if it is not complete yet. */
  private markupEnd(lt: number): number {
    const b = this.buf;
    if (b.startsWith('<!--', lt)) return end(b.indexOf('-->', lt + 4), 3);
    if (b.startsWith('<![CDATA[', lt)) return end(b.indexOf(']]>', lt + 9), 3);
    if (b.startsWith('<?', lt)) return end(b.indexOf('?>', lt + 2), 2);
    // A tag: '>' outside quoted attribute values.
    let quote = 0;
    for (let i = lt + 1; i < b.length; i++) {
      const c = b.charCodeAt(i);
      if (quote) {
        if (c === quote) quote = 0;
      } else if (c === 34 || c === 39) quote = c;
      else if (c === 62) return i + 1;
    }
    return -1;
  }

  private cut(end: number): Cut {
    const raw = this.buf.slice(this.start, end);
    // The size is the record's bytes in the file; namespaces added from the enclosing elements do not count.
    const bytes = this.skipped + Buffer.byteLength(raw);
    this.start = -1;
    return bytes > this.maxBytes ? { xml: '', startTag: this.startTag, withheldBytes: bytes } : { xml: this.withNamespaces(raw), startTag: this.startTag };
  }

  /** Drops text no record needs; an oversized record keeps only its byte count. */
  private compact(): void {
    if (this.start < 0) {
      this.buf = this.buf.slice(this.pos);
      this.pos = 0;
      return;
    }
    const held = this.pos - this.start;
    if (held > this.maxBytes) {
      // Too large to ever be a payload: count it and keep only the start tag's position.
      this.skipped += Buffer.byteLength(this.buf.slice(this.start, this.pos));
      this.buf = this.buf.slice(this.pos);
      this.start = 0;
      this.pos = 0;
      return;
    }
    this.buf = this.buf.slice(this.start);
    this.pos -= this.start;
    this.start = 0;
  }

  private collectNamespaces(tag: string): void {
    for (const m of tag.matchAll(/\s(xmlns(?::[\w.-]+)?)\s*=\s*("[^"]*"|'[^']*')/g)) this.namespaces.set(m[1]!, m[2]!);
  }

  private withNamespaces(xml: string): string {
    if (this.namespaces.size === 0) return xml;
    const add = [...this.namespaces].filter(([name]) => !new RegExp(`\\s${name}\\s*=`).test(this.startTag)).map(([n, v]) => ` ${n}=${v}`);
    if (add.length === 0) return xml;
    const at = this.startTag.endsWith('/>') ? this.startTag.length - 2 : this.startTag.length - 1;
    return xml.slice(0, at) + add.join('') + xml.slice(at);
  }
}

function end(i: number, len: number): number {
  return i < 0 ? -1 : i + len;
}
