import { createReadStream } from 'node:fs';
import { SluiceConfigError } from '../core/errors.js';
import type { RecordKey, SourceRecord } from '../core/record.js';
import type { Source } from './source.js';
import { decodeFileChunks } from './decode-file-chunks.js';

/** Options of `fromXmlFile`. */
export interface XmlFileSourceOptions {
  /** Local name of the repeated element that makes one record each, e.g. `Application`. */
  readonly element: string;
  /** Attribute of that element holding the key; integer-looking values become numbers. @default the record's 1-based position */
  readonly keyAttribute?: string;
  /**
   * Local name of an element inside the record whose text is the key (the first one, in document
   * order), e.g. `literal` for kanjidic2's `<character><literal>亜</literal>…`; instead of `keyAttribute`.
   */
  readonly keyElement?: string;
  /**
   * Path of local names from the record element to the element whose text is the key, e.g.
   * `Header/Id` for `<Application><Header><Id>7</Id></Header>…` (the first such element, in
   * document order); instead of `keyAttribute` or `keyElement`. A one-step path is a child of the
   * record element (`keyElement` finds its name at any depth).
   */
  readonly keyPath?: string;
  /** Bytes read at a time. @default 1 MiB */
  readonly chunkBytes?: number;
}

/**
 * One large XML file split into records by a repeated element, read as a stream in constant
 * memory whatever the file's size: the reader holds one chunk and the record being cut, never
 * the file. The file is decoded as its byte order mark and XML declaration say (UTF-8 by default);
 * an unknown encoding or bytes not valid in it stop the read with `XmlEncodingError`. Namespace declarations of the enclosing elements are copied onto each record, so a
 * prefixed record parses on its own. Comments and CDATA sections are skipped when looking for
 * element boundaries. The file's DOCTYPE, when it declares entities or attribute lists, is put in
 * front of every record, so a record parses as it would in the file: its entity references are
 * expanded and its default attributes applied (line numbers in a record's errors then count the
 * DOCTYPE's lines).
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
  const keyOptions = (['keyAttribute', 'keyElement', 'keyPath'] as const).filter((k) => options[k] !== undefined);
  if (keyOptions.length > 1) {
    throw new SluiceConfigError(`give one of keyAttribute, keyElement and keyPath; got ${keyOptions.join(' and ')}`, keyOptions[1]!);
  }
  if (options.keyPath !== undefined && !/^[A-Za-z_][\w.-]*(\/[A-Za-z_][\w.-]*)*$/.test(options.keyPath)) {
    throw new SluiceConfigError(`keyPath must be local names separated by "/", such as "Header/Id"; got "${options.keyPath}"`, 'keyPath');
  }
  if (options.keyElement !== undefined && !/^[A-Za-z_][\w.-]*$/.test(options.keyElement)) {
    throw new SluiceConfigError(`keyElement must be an XML local name such as "literal"; got "${options.keyElement}"`, 'keyElement');
  }
  const keyOf = keyReader(options);
  return {
    name: `xml:${file}#${options.element}`,
    filtersPartition: false,
    canSkip: () => false,
    async *pages(request) {
      const { limit, signal, maxPayloadBytes } = request;
      const cutter = new RecordCutter(options.element, maxPayloadBytes ?? Infinity);
      const stream = createReadStream(file, { highWaterMark: options.chunkBytes ?? 1 << 20 });
      let page: SourceRecord[] = [];
      let n = 0;
      try {
        for await (const text of decodeFileChunks(stream as AsyncIterable<Buffer>, file)) {
          for (const cut of cutter.push(text)) {
            if (signal?.aborted) return;
            if (limit !== undefined && n >= limit) {
              // The records read up to the limit go out, even when they do not fill a page.
              if (page.length) yield page;
              return;
            }
            page.push(toRecord(cut, ++n, keyOf));
            if (page.length >= request.pageSize) {
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
  /** The record, with the namespace declarations of its enclosing elements. */
  readonly xml: string;
  readonly startTag: string;
  /** The file's DOCTYPE, to parse the record with (empty if none applies). */
  readonly doctype?: string;
  readonly withheldBytes?: number;
}

/** Reads a record's key from its text; undefined if the record has none. */
type KeyReader = (cut: Cut, position: number) => RecordKey | undefined;

function keyReader(options: XmlFileSourceOptions): KeyReader {
  const { keyAttribute, keyElement, keyPath } = options;
  if (keyAttribute) {
    const re = new RegExp(`\\s${keyAttribute.replace(/[.]/g, '\\.')}\\s*=\\s*("([^"]*)"|'([^']*)')`);
    return (cut) => {
      const m = re.exec(cut.startTag);
      const v = m?.[2] ?? m?.[3];
      return v === undefined ? undefined : keyValue(v);
    };
  }
  if (keyElement) {
    return (cut) => {
      const v = firstTextOf(cut.xml, keyElement)?.trim();
      return v === undefined || v === '' ? undefined : keyValue(unescapeText(v));
    };
  }
  if (keyPath) {
    const steps = keyPath.split('/');
    return (cut) => {
      const v = textAtPath(cut.xml, steps)?.trim();
      return v === undefined || v === '' ? undefined : keyValue(unescapeText(v));
    };
  }
  return (_, position) => position;
}

/** Tags, and what may hold a `<` that is not one (comments, CDATA, PIs), in a record's text. */
const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)(?:\s[^>]*?)?(\/?)>/g;

/** The direct text of the first non-empty-tag element of this local name at any depth (comments and CDATA skipped); undefined if none. */
function firstTextOf(xml: string, name: string): string | undefined {
  const markup = new RegExp(MARKUP.source, 'g');
  for (let m = markup.exec(xml); m !== null; m = markup.exec(xml)) {
    // An empty element (`<Id/>`) holds no key: the next one of the name may.
    if (m[2] !== name || m[1] === '/' || m[3] === '/') continue;
    const end = xml.indexOf('<', markup.lastIndex);
    return xml.slice(markup.lastIndex, end < 0 ? xml.length : end);
  }
  return undefined;
}

/**
 * The direct text (up to its first child) of the first element at `steps` below the record
 * element, tracking depth so that `Other/Id` never matches an `Id` elsewhere; undefined if none.
 */
function textAtPath(xml: string, steps: readonly string[]): string | undefined {
  const markup = new RegExp(MARKUP.source, 'g');
  let depth = 0;
  // How many leading steps the open elements match (the record element is depth 1, steps start at 2).
  let matched = 0;
  for (let m = markup.exec(xml); m !== null; m = markup.exec(xml)) {
    const name = m[2];
    if (name === undefined) continue;
    if (m[1] === '/') {
      if (matched >= depth - 1) matched = Math.max(0, depth - 2);
      depth--;
      continue;
    }
    const d = depth + 1;
    const hit = d >= 2 && matched === d - 2 && steps[d - 2] === name;
    if (hit && d - 1 === steps.length) {
      if (m[3] === '/') return undefined;
      const start = markup.lastIndex;
      const end = xml.indexOf('<', start);
      return xml.slice(start, end < 0 ? xml.length : end);
    }
    if (m[3] === '/') continue;
    depth = d;
    if (hit) matched = d - 1;
  }
  return undefined;
}

function keyValue(v: string): RecordKey {
  return /^-?\d{1,15}$/.test(v) ? Number(v) : v;
}

const PREDEFINED: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', apos: "'", quot: '"' };

function unescapeText(v: string): string {
  return v.replace(/&(#x[0-9a-fA-F]+|#\d+|lt|gt|amp|apos|quot);/g, (_, ref: string) =>
    ref[0] === '#' ? String.fromCodePoint(ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10)) : PREDEFINED[ref]!,
  );
}

/** A record without its key fails alone, under the key `#<position>` (a string, so never another record's integer key). */
function toRecord(cut: Cut, position: number, keyOf: KeyReader): SourceRecord {
  const key = keyOf(cut, position);
  if (key === undefined) {
    return { key: `#${position}`, payload: '', unreadable: `record #${position} of the file (the ${ordinal(position)} <${cut.startTag.slice(1).split(/[\s/>]/)[0]}>) has no key: ${cut.startTag.slice(0, 120)}; add the key to the record, or choose another keyAttribute/keyElement/keyPath` };
  }
  return cut.withheldBytes === undefined ? { key, payload: (cut.doctype ?? '') + cut.xml } : { key, payload: '', withheldBytes: cut.withheldBytes };
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
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
  /** The file's DOCTYPE, when its internal subset can change how a record parses (entities, attribute defaults). */
  private doctype = '';

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
      if (this.depth === 0 && tag.startsWith('<!DOCTYPE')) this.keepDoctype(tag);
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
    if (b.startsWith('<!DOCTYPE', lt)) return doctypeEnd(b, lt);
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
    return bytes > this.maxBytes ? { xml: '', startTag: this.startTag, withheldBytes: bytes } : { xml: this.withNamespaces(raw), startTag: this.startTag, doctype: this.doctype };
  }

  /**
   * Keeps the file's DOCTYPE, to put in front of every record: a record then parses as it would
   * in the whole file, its entity references expanded and its default attributes applied, under
   * the parser's DOCTYPE policy and limits (only what can change a record: `recordDoctype`).
   */
  private keepDoctype(tag: string): void {
    this.doctype = recordDoctype(tag);
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

/**
 * The DOCTYPE to put in front of each record: its ENTITY and ATTLIST declarations only, since
 * element declarations, comments and processing instructions of the internal subset change
 * nothing in a record and would be parsed again for every one (kanjidic2's subset is mostly
 * comments). Verbatim if the subset uses parameter entities, which may expand to anything; empty
 * if it declares no entity and no attribute list.
 */
export function recordDoctype(doctype: string): string {
  if (!/<!(ENTITY|ATTLIST)\s/.test(doctype)) return '';
  const open = doctype.indexOf('[');
  if (open < 0 || /%[A-Za-z_:]/.test(doctype)) return doctype;
  const kept: string[] = [];
  let i = open + 1;
  while (i < doctype.length && doctype[i] !== ']') {
    let end = i + 1;
    if (doctype.startsWith('<!--', i)) end = after(doctype, '-->', i + 4);
    else if (doctype.startsWith('<?', i)) end = after(doctype, '?>', i + 2);
    else if (doctype.startsWith('<!', i)) {
      end = declarationEnd(doctype, i);
      if (end > 0 && /^<!(ENTITY|ATTLIST)\s/.test(doctype.slice(i, i + 10))) kept.push(doctype.slice(i, end));
    }
    if (end <= 0) return doctype; // cut short: the parser will say what is wrong with it
    i = end;
  }
  return `${doctype.slice(0, open + 1)}${kept.join('\n')}]>`;
}

/** Index just past the first `token` from `from`, or 0 if there is none. */
function after(s: string, token: string, from: number): number {
  const i = s.indexOf(token, from);
  return i < 0 ? 0 : i + token.length;
}

/** Index just past a markup declaration starting at `lt`: its `>` outside quoted literals. */
function declarationEnd(s: string, lt: number): number {
  for (let i = lt + 2; i < s.length; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      const close = s.indexOf(c, i + 1);
      if (close < 0) return 0;
      i = close;
    } else if (c === '>') return i + 1;
  }
  return 0;
}

/**
 * Index just past `<!DOCTYPE ...>` starting at `lt`, or -1 if it is not complete yet: a `>` ends
 * it only outside quoted literals, comments, processing instructions and the `[...]` internal subset.
 */
function doctypeEnd(b: string, lt: number): number {
  let subset = false;
  for (let i = lt + 9; i < b.length; i++) {
    const c = b[i];
    if (c === '"' || c === "'") {
      const close = b.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close;
    } else if (subset && b.startsWith('<!--', i)) {
      const close = b.indexOf('-->', i + 4);
      if (close < 0) return -1;
      i = close + 2;
    } else if (subset && b.startsWith('<?', i)) {
      const close = b.indexOf('?>', i + 2);
      if (close < 0) return -1;
      i = close + 1;
    } else if (c === '[') subset = true;
    else if (c === ']') subset = false;
    else if (c === '>' && !subset) return i + 1;
  }
  return -1;
}

function end(i: number, len: number): number {
  return i < 0 ? -1 : i + len;
}
