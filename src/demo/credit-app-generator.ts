import { recordRng, type Rng } from './prng.js';
import { caPostal, date, daysIn, money, usZip } from './credit-app-values.js';
import { AttributeApplicationWriter, breakAttributeDocument } from './attribute-application-writer.js';
import {
  BAD_DATES, BAD_DECIMALS, BAD_INTEGERS, BUREAUS, CHANNELS, CITIES, CREDITORS, CULTURES, EMPLOYERS, MAIL_DOMAINS,
  NOTE_AUTHORS, NOTE_SENTENCES, PAD2, PAYMENT_STATUSES, PRODUCTS, STATUSES, TITLES, UNITS,
  type City, type Name, type NameCulture,
} from './credit-app-vocabulary.js';

/** Target document sizes: about 2 KB, 8 KB and 64 KB (the attribute shape: about half). */
export type DocumentSize = 'small' | 'medium' | 'large';

/**
 * How a document holds its values: `elements`, one element per value, nested (the origin
 * system's documents); `attributes`, every value an attribute of many small repeated elements
 * (~4 KB and ~24 rows a medium document).
 */
export type DocumentShape = 'elements' | 'attributes';
export const DOCUMENT_SHAPES: readonly DocumentShape[] = ['elements', 'attributes'];

/** The tables a correct load of a credit application fills, in creation order. */
export const CREDIT_APP_TABLES = ['app_base', 'app_contact', 'app_address', 'app_employment', 'app_tradeline'] as const;
export type CreditAppTable = (typeof CREDIT_APP_TABLES)[number];

/** A value as the mapper's conversion produces it: integers as numbers, decimals as text, booleans 1/0, dates 'YYYY-MM-DD'. */
export type WireValue = string | number | null;
export type ExpectedRow = Readonly<Record<string, WireValue>>;
/** The exact rows a correct load must produce, per table (empty arrays included). */
export type ExpectedRows = Readonly<Record<CreditAppTable, readonly ExpectedRow[]>>;

/** The one value of a 'bad-value' document that its typed column must reject. */
export interface BadValueDefect {
  readonly table: CreditAppTable;
  readonly column: string;
  /** Absolute XML path of the value, as `XmlElement.pathString()` spells it. */
  readonly path: string;
  readonly value: string;
}

/** How a 'malformed' document is broken. */
export interface MalformedDefect {
  readonly flaw: 'unclosed-tag' | 'mismatched-tag' | 'bare-ampersand' | 'truncated';
}

interface Generated {
  readonly appId: number;
  readonly xml: string;
}

/** One generated credit application and what a correct load of it must do. */
export type GeneratedApplication =
  | (Generated & { readonly kind: 'valid'; readonly expected: ExpectedRows; readonly defect: null })
  | (Generated & { readonly kind: 'bad-value'; readonly expected: null; readonly defect: BadValueDefect })
  | (Generated & { readonly kind: 'malformed'; readonly expected: null; readonly defect: MalformedDefect });

export interface GenerateOptions {
  /** Document size. @default 'medium' */
  size?: DocumentSize;
  /** Data set seed: the same (seed, appId, size, shape) always gives the same document. @default 1 */
  seed?: number;
  /** Where values go: child elements or attributes. @default 'elements' */
  shape?: DocumentShape;
}

export const DEFAULT_SEED = 1;
/** Share of records that are not well-formed XML. */
export const MALFORMED_RATE = 0.005;
/** Share of records with one value its column rejects (an impossible date, a non-number). */
export const BAD_VALUE_RATE = 0.01;

const APP_NS = 'urn:example:credit-application:v2';
const BUREAU_NS = 'urn:example:bureau-report:v1';

interface Shape {
  readonly contacts: readonly number[];
  readonly addresses: readonly number[];
  readonly employers: readonly number[];
  readonly tradelines: readonly number[];
  readonly history: readonly [number, number];
  readonly inquiries: readonly [number, number];
  readonly notes: readonly [number, number];
  readonly sentences: readonly [number, number];
}

// Row counts are drawn from the lists (weights by repetition), the others from [min, max] ranges.
const SHAPES: Readonly<Record<DocumentSize, Shape>> = {
  small: {
    contacts: [1, 1, 1, 2], addresses: [1, 1, 1, 2], employers: [0, 1, 1], tradelines: [1, 1, 2],
    history: [0, 0], inquiries: [0, 0], notes: [0, 0], sentences: [1, 1],
  },
  medium: {
    contacts: [1, 2, 2, 2, 3, 3], addresses: [1, 1, 2, 2, 2, 3], employers: [0, 1, 1, 1, 1, 2, 2, 2, 3, 3],
    tradelines: [4, 5, 6, 7], history: [9, 18], inquiries: [0, 3], notes: [0, 2], sentences: [1, 3],
  },
  large: {
    contacts: [2, 3, 3], addresses: [2, 3, 3], employers: [1, 2, 3, 3], tradelines: range(22, 38),
    history: [30, 48], inquiries: [3, 10], notes: [6, 12], sentences: [3, 7],
  },
};

function range(min: number, max: number): number[] {
  return Array.from({ length: max - min + 1 }, (_, i) => min + i);
}

// Which value a 'bad-value' document spoils: always-present values in non-nullable typed columns.
const Bad = {
  None: -1, ApplicationDate: 0, RequestedAmount: 1, TermMonths: 2, BirthDate: 3, AnnualIncome: 4, OpenedDate: 5, Balance: 6,
  MonthsReviewed: 7,
} as const;
type Bad = number;
const BAD_TARGETS = 8;

/**
 * Generates credit application `appId` as an XML document, with the rows a correct load
 * must produce, read from the generator's own data model (not from the XML).
 *
 * About 1% of records are 'bad-value' (one impossible date or non-number in a typed
 * column) and 0.5% 'malformed' (not well-formed XML); which ones depends on (seed, appId)
 * only, as does everything else: record N is the same whatever the record count.
 *
 * ```ts
 * const app = generateApplication(42, { size: 'medium', seed: 7 });
 * if (app.kind === 'valid') app.expected.app_tradeline.length; // about 5
 * ```
 */
export function generateApplication(appId: number, options: GenerateOptions = {}): GeneratedApplication {
  if (!Number.isSafeInteger(appId) || appId < 0) throw new RangeError(`appId must be a safe integer ≥ 0; got ${String(appId)}`);
  const size = options.size ?? 'medium';
  const shape = SHAPES[size];
  if (shape === undefined) throw new RangeError(`size must be 'small', 'medium' or 'large'; got ${String(size)}`);
  const seed = options.seed ?? DEFAULT_SEED;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer; got ${String(seed)}`);
  const rng = recordRng(seed, appId);
  // The first draw decides the kind, so it does not depend on the size.
  const k = rng.next();
  const shapeName = options.shape ?? 'elements';
  if (shapeName === 'attributes') return attributeApplication(rng, appId, size, k);
  if (shapeName !== 'elements') throw new RangeError(`shape must be 'elements' or 'attributes'; got ${String(shapeName)}`);
  if (k < MALFORMED_RATE) {
    const valid = new ApplicationWriter(rng, appId, shape, Bad.None).write();
    return { appId, kind: 'malformed', ...breakDocument(valid, rng) };
  }
  if (k < MALFORMED_RATE + BAD_VALUE_RATE) {
    const w = new ApplicationWriter(rng, appId, shape, rng.int(0, BAD_TARGETS - 1));
    const xml = w.write();
    return { appId, xml, kind: 'bad-value', expected: null, defect: w.defect! };
  }
  const w = new ApplicationWriter(rng, appId, shape, Bad.None);
  const xml = w.write();
  return { appId, xml, kind: 'valid', expected: w.rows, defect: null };
}

function attributeApplication(rng: Rng, appId: number, size: DocumentSize, k: number): GeneratedApplication {
  if (k < MALFORMED_RATE) return { appId, kind: 'malformed', ...breakAttributeDocument(new AttributeApplicationWriter(rng, appId, size, false).write(), rng) };
  const w = new AttributeApplicationWriter(rng, appId, size, k < MALFORMED_RATE + BAD_VALUE_RATE);
  const xml = w.write();
  return w.defect ? { appId, xml, kind: 'bad-value', expected: null, defect: w.defect } : { appId, xml, kind: 'valid', expected: w.rows, defect: null };
}

type Row = Record<string, WireValue>;

/** Writes one document and, alongside, the rows it must load as. */
class ApplicationWriter {
  readonly rows: Record<CreditAppTable, Row[]> = { app_base: [], app_contact: [], app_address: [], app_employment: [], app_tradeline: [] };
  defect: BadValueDefect | null = null;
  /** Element prefixes of the application and of the embedded bureau report ('' or 'ca:' / 'cr:'). */
  private readonly p: string;
  private readonly r: string;
  private readonly variant: 0 | 1 | 2;
  private readonly culture: NameCulture;
  private readonly home: City;
  /** Application month as year * 12 + month - 1, and its day. */
  private readonly appMonth: number;
  private readonly appDay: number;
  private joint = false;
  private birthMonth = 0;
  private incomeCents = 0;
  /** The app_base row, filled by header() and applicant(). */
  private base: Row = {};

  constructor(
    private readonly rng: Rng,
    private readonly appId: number,
    private readonly shape: Shape,
    private readonly bad: Bad,
  ) {
    const v = rng.next();
    this.variant = v < 0.4 ? 0 : v < 0.75 ? 1 : 2;
    this.p = this.variant === 2 ? 'ca:' : '';
    this.r = this.variant === 2 ? 'cr:' : '';
    this.culture = rng.chance(0.5) ? CULTURES[0]! : rng.pick(CULTURES);
    this.home = rng.pick(CITIES);
    this.appMonth = 2022 * 12 + rng.int(0, 35);
    this.appDay = rng.int(1, 28);
  }

  write(): string {
    const { p, appId } = this;
    let x = this.rng.chance(0.7) ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '';
    const ns = this.variant === 0 ? '' : this.variant === 1 ? ` xmlns="${APP_NS}"` : ` xmlns:ca="${APP_NS}"`;
    x += `<${p}Application${ns} id="${appId}" version="2">\n`;
    x += this.header();
    x += this.applicant();
    x += this.creditReport();
    x += this.notes();
    return `${x}</${p}Application>\n`;
  }

  private header(): string {
    const { p, rng } = this;
    const appDate = date(this.appMonth, this.appDay);
    const product = rng.pick(PRODUCTS);
    const amount = `${rng.int(product.amount[0], product.amount[1]) * 500}.00`;
    const term = rng.int(product.years[0], product.years[1]) * 12;
    const channel = rng.pick(CHANNELS);
    const status = rng.pick(STATUSES);
    this.joint = rng.chance(0.15);
    this.base = {
      app_id: this.appId, application_date: appDate, product_type: product.code, requested_amount: amount, term_months: term,
      channel, status, is_joint: this.joint ? 1 : 0,
    };
    this.rows.app_base.push(this.base);
    const hdr = `/${p}Application/${p}Header/${p}`;
    return `  <${p}Header>
    <${p}ApplicationDate>${this.spoil(Bad.ApplicationDate, appDate, BAD_DATES, 'app_base', 'application_date', `${hdr}ApplicationDate`)}</${p}ApplicationDate>
    <${p}SubmittedAt>${appDate}T${PAD2[rng.int(7, 22)]}:${PAD2[rng.int(0, 59)]}:${PAD2[rng.int(0, 59)]}Z</${p}SubmittedAt>
    <${p}ProductType>${product.code}</${p}ProductType>
    <${p}RequestedAmount currency="USD">${this.spoil(Bad.RequestedAmount, amount, BAD_DECIMALS, 'app_base', 'requested_amount', `${hdr}RequestedAmount`)}</${p}RequestedAmount>
    <${p}TermMonths>${this.spoil(Bad.TermMonths, String(term), BAD_INTEGERS, 'app_base', 'term_months', `${hdr}TermMonths`)}</${p}TermMonths>
    <${p}Channel>${channel}</${p}Channel>${channel === 'BRANCH' ? `\n    <${p}Branch id="${PAD2[rng.int(1, 99)]}17"/>` : ''}
    <${p}Status>${status}</${p}Status>
    <${p}JointApplication>${this.joint ? 'Y' : 'N'}</${p}JointApplication>
  </${p}Header>
`;
  }

  private applicant(): string {
    const { p, rng } = this;
    const first = rng.pick(this.culture.first);
    const last = rng.pick(this.culture.last);
    const birthMonth = this.appMonth - rng.int(21, 75) * 12 - rng.int(0, 11);
    this.birthMonth = birthMonth;
    const birth = date(birthMonth, rng.int(1, daysIn(birthMonth)));
    const ssn = `${PAD2[rng.int(0, 99)]}${PAD2[rng.int(0, 99)]}`;
    const email = rng.chance(0.8) ? this.email(first, last, birthMonth) : null;
    this.incomeCents = (rng.int(18, 240) * 1000 + rng.int(0, 3) * 250) * 100;
    const income = money(this.incomeCents);
    const middle = rng.chance(0.3) ? `\n      <${p}Middle>${String.fromCharCode(65 + rng.int(0, 25))}.</${p}Middle>` : '';
    Object.assign(this.base, {
      first_name: first.text, last_name: last.text, birth_date: birth, ssn_last4: ssn, email, annual_income: income,
    });
    const a = `/${p}Application/${p}Applicant/${p}`;
    return `  <${p}Applicant role="PRIMARY">
    <${p}Name>
      <${p}First>${first.xml}</${p}First>${middle}
      <${p}Last>${last.xml}</${p}Last>
    </${p}Name>
    <${p}BirthDate>${this.spoil(Bad.BirthDate, birth, BAD_DATES, 'app_base', 'birth_date', `${a}BirthDate`)}</${p}BirthDate>
    <${p}SSNLast4>${ssn}</${p}SSNLast4>${email === null ? '' : `\n    <${p}Email>${email}</${p}Email>`}
    <${p}AnnualIncome>${this.spoil(Bad.AnnualIncome, income, BAD_DECIMALS, 'app_base', 'annual_income', `${a}AnnualIncome`)}</${p}AnnualIncome>
${this.contacts(first, last, email)}${this.addresses()}${this.employment()}  </${p}Applicant>
${this.joint ? this.coApplicant(last) : ''}`;
  }

  private email(first: Name, last: Name, birthMonth: number): string {
    const rng = this.rng;
    const style = rng.int(0, 2);
    const user = style === 0 ? `${first.slug}.${last.slug}` : style === 1 ? `${first.slug.charAt(0)}${last.slug}` : `${first.slug}${last.slug}${Math.floor(birthMonth / 12) % 100}`;
    return `${user}@${rng.pick(MAIL_DOMAINS)}`;
  }

  private contacts(first: Name, last: Name, email: string | null): string {
    const { p, rng, appId } = this;
    const n = rng.pick(this.shape.contacts);
    const preferred = rng.int(0, n - 1);
    const explicitFalse = rng.chance(0.5);
    const second = rng.chance(0.6) ? 'HOME' : 'WORK';
    let x = `    <${p}Contacts>\n`;
    for (let i = 0; i < n; i++) {
      const type = i === 0 ? 'MOBILE' : i === 1 ? second : second === 'HOME' ? 'WORK' : 'HOME';
      const phone = `+1-${i === 0 || rng.chance(0.7) ? this.home.areaCode : rng.pick(CITIES).areaCode}-555-01${PAD2[rng.int(0, 99)]}`;
      const mail = i === 0 ? email : rng.chance(0.35) ? this.email(first, last, rng.int(1950, 2005) * 12) : null;
      const pref = i === preferred ? ' preferred="true"' : explicitFalse ? ' preferred="false"' : '';
      this.rows.app_contact.push({ app_id: appId, seq: i + 1, type, phone, email: mail, preferred: i === preferred ? 1 : 0 });
      x += `      <${p}Contact type="${type}"${pref}>
        <${p}Phone>${phone}</${p}Phone>${mail === null ? '' : `\n        <${p}Email>${mail}</${p}Email>`}
      </${p}Contact>\n`;
    }
    return `${x}    </${p}Contacts>\n`;
  }

  private addresses(): string {
    const { p, rng, appId } = this;
    const n = rng.pick(this.shape.addresses);
    const second = rng.chance(0.7) ? 'PREVIOUS' : 'MAILING';
    let x = `    <${p}Addresses>\n`;
    for (let i = 0; i < n; i++) {
      const type = i === 0 ? 'CURRENT' : i === 1 ? second : second === 'PREVIOUS' ? 'MAILING' : 'PREVIOUS';
      const c = i === 0 || type === 'MAILING' ? this.home : rng.pick(CITIES);
      const poBox = type === 'MAILING' && rng.chance(0.5);
      const street = rng.pick(c.streets);
      const number = String(rng.int(1, 9899));
      const line1 = poBox ? `PO Box ${number}` : `${number} ${street.text}`;
      const line1Xml = poBox ? line1 : `${number} ${street.xml}`;
      const unit = !poBox && rng.chance(0.3) ? rng.pick(UNITS) : null;
      const postal = c.country === 'US' ? usZip(rng, c.postalPrefix) : caPostal(rng, c.postalPrefix);
      const years = type === 'MAILING' || rng.chance(0.25) ? null : rng.int(0, 25);
      this.rows.app_address.push({
        app_id: appId, seq: i + 1, type, line1, line2: unit?.text ?? null, city: c.city.text,
        state: c.state, postal_code: postal, country: c.country, years_at_address: years,
      });
      x += `      <${p}Address type="${type}">
        <${p}Line1>${line1Xml}</${p}Line1>${unit === null ? '' : `\n        <${p}Line2>${unit.xml}</${p}Line2>`}
        <${p}City>${c.city.xml}</${p}City>
        <${p}State>${c.state}</${p}State>
        <${p}PostalCode>${postal}</${p}PostalCode>
        <${p}Country>${c.country}</${p}Country>${years === null ? '' : `\n        <${p}YearsAtAddress>${years}</${p}YearsAtAddress>`}
      </${p}Address>\n`;
    }
    return `${x}    </${p}Addresses>\n`;
  }

  private employment(): string {
    const { p, rng, appId } = this;
    const n = rng.pick(this.shape.employers);
    if (n === 0 || this.appMonth <= this.birthMonth + 16 * 12) return rng.chance(0.5) ? `    <${p}Employment/>\n` : '';
    const current = rng.chance(0.85);
    let x = `    <${p}Employment>\n`;
    let end = this.appMonth - (current ? 0 : rng.int(1, 18));
    // Nobody starts work before 16: a history that would is cut short.
    const earliest = this.birthMonth + 16 * 12;
    for (let i = 0; i < n && end > earliest; i++) {
      const isCurrent = current && i === 0;
      const startMonth = Math.max(earliest, end - rng.int(3, 96));
      const start = date(startMonth, 1 + rng.int(0, 27));
      const endDate = isCurrent ? null : date(end, rng.int(1, 28));
      const employer = rng.pick(EMPLOYERS);
      const title = rng.chance(0.8) ? rng.pick(TITLES) : null;
      // The current job pays the declared annual income; earlier ones a little less.
      const monthlyCents = Math.round(this.incomeCents / 12) - (isCurrent ? 0 : rng.int(0, 40) * 2500);
      const monthly = rng.chance(0.7) && monthlyCents > 0 ? money(monthlyCents) : null;
      this.rows.app_employment.push({
        app_id: appId, seq: i + 1, employer: employer.text, title: title?.text ?? null, start_date: start, end_date: endDate,
        monthly_income: monthly, is_current: isCurrent ? 1 : 0,
      });
      x += `      <${p}Employer current="${isCurrent}">
        <${p}Name>${employer.xml}</${p}Name>${title === null ? '' : `\n        <${p}Title>${title.xml}</${p}Title>`}
        <${p}StartDate>${start}</${p}StartDate>${endDate === null ? '' : `\n        <${p}EndDate>${endDate}</${p}EndDate>`}${monthly === null ? '' : `\n        <${p}MonthlyIncome>${monthly}</${p}MonthlyIncome>`}
      </${p}Employer>\n`;
      end = startMonth - rng.int(0, 6);
    }
    return `${x}    </${p}Employment>\n`;
  }

  private coApplicant(last: Name): string {
    const { p, rng } = this;
    const first = rng.pick(this.culture.first);
    const birthMonth = this.appMonth - rng.int(21, 70) * 12;
    return `  <${p}CoApplicant role="JOINT">
    <${p}Name>
      <${p}First>${first.xml}</${p}First>
      <${p}Last>${(rng.chance(0.6) ? last : rng.pick(this.culture.last)).xml}</${p}Last>
    </${p}Name>
    <${p}BirthDate>${date(birthMonth, rng.int(1, 28))}</${p}BirthDate>
    <${p}Relationship>${rng.chance(0.8) ? 'SPOUSE' : 'PARTNER'}</${p}Relationship>
  </${p}CoApplicant>\n`;
  }

  private creditReport(): string {
    const { r, rng, appId, shape } = this;
    const ns = this.variant === 0 ? '' : this.variant === 1 ? ` xmlns="${BUREAU_NS}"` : ` xmlns:cr="${BUREAU_NS}"`;
    const bureau = rng.pick(BUREAUS);
    let x = `  <${r}CreditReport${ns} bureau="${bureau}" reportId="${bureau.slice(0, 3)}-${appId}-${rng.int(1000, 9999)}" pulledAt="${date(this.appMonth, this.appDay)}T${PAD2[rng.int(7, 22)]}:${PAD2[rng.int(0, 59)]}:00Z">
    <${r}Score model="FICO8">${rng.int(520, 840)}</${r}Score>
    <${r}Tradelines>\n`;
    const n = rng.pick(shape.tradelines);
    const badIndex = this.bad >= Bad.OpenedDate ? rng.int(0, n - 1) : -1;
    for (let i = 0; i < n; i++) x += this.tradeline(i, n, i === badIndex);
    x += `    </${r}Tradelines>\n`;
    const inquiries = rng.int(shape.inquiries[0], shape.inquiries[1]);
    if (inquiries > 0) {
      x += `    <${r}Inquiries>\n`;
      for (let i = 0; i < inquiries; i++) {
        x += `      <${r}Inquiry date="${date(this.appMonth - rng.int(0, 23), rng.int(1, 28))}" subscriber="${rng.pick(rng.chance(0.5) ? CREDITORS.REVOLVING : CREDITORS.INSTALLMENT).xml}" type="${rng.chance(0.7) ? 'HARD' : 'SOFT'}"/>\n`;
      }
      x += `    </${r}Inquiries>\n`;
    }
    return `${x}  </${r}CreditReport>\n`;
  }

  private tradeline(i: number, n: number, spoilHere: boolean): string {
    const { p, r, rng } = this;
    const kind = rng.next();
    const type = kind < 0.5 ? 'REVOLVING' : kind < 0.8 ? 'INSTALLMENT' : kind < 0.92 ? 'MORTGAGE' : 'OPEN';
    // No account opened before the applicant turned 18.
    const reviewed = rng.int(3, Math.max(3, Math.min(120, this.appMonth - this.birthMonth - 18 * 12)));
    const opened = date(this.appMonth - reviewed, rng.int(1, 28));
    const status = rng.pick(PAYMENT_STATUSES);
    const limitCents = type === 'REVOLVING' ? rng.int(5, 250) * 10000 : -1;
    const balanceCents =
      status === 'PAID_CLOSED' ? 0
      : type === 'REVOLVING' ? rng.int(0, limitCents)
      : type === 'MORTGAGE' ? rng.int(5_000_000, 60_000_000)
      : type === 'INSTALLMENT' ? rng.int(50_000, 4_000_000)
      : rng.int(0, 200_000);
    const balance = money(balanceCents);
    const limit = limitCents < 0 ? null : money(limitCents);
    const creditor = rng.pick(CREDITORS[type]);
    this.rows.app_tradeline.push({
      app_id: this.appId, seq: i + 1, creditor: creditor.text, account_type: type, opened_date: opened, balance, credit_limit: limit,
      payment_status: status, months_reviewed: reviewed,
    });
    const t = `/${p}Application/${r}CreditReport/${r}Tradelines/${r}Tradeline${n > 1 ? `[${i + 1}]` : ''}/${r}`;
    const spoil = spoilHere ? this.bad : Bad.None;
    let x = `      <${r}Tradeline id="${i + 1}">
        <${r}Creditor>${creditor.xml}</${r}Creditor>
        <${r}AccountType>${type}</${r}AccountType>
        <${r}AccountNumber>XXXX${rng.int(1000, 9999)}</${r}AccountNumber>
        <${r}OpenedDate>${spoil === Bad.OpenedDate ? this.inject(BAD_DATES, 'app_tradeline', 'opened_date', `${t}OpenedDate`) : opened}</${r}OpenedDate>
        <${r}Balance>${spoil === Bad.Balance ? this.inject(BAD_DECIMALS, 'app_tradeline', 'balance', `${t}Balance`) : balance}</${r}Balance>${limit === null ? '' : `\n        <${r}CreditLimit>${limit}</${r}CreditLimit>`}
        <${r}PaymentStatus>${status}</${r}PaymentStatus>
        <${r}MonthsReviewed>${spoil === Bad.MonthsReviewed ? this.inject(BAD_INTEGERS, 'app_tradeline', 'months_reviewed', `${t}MonthsReviewed`) : reviewed}</${r}MonthsReviewed>\n`;
    const months = Math.min(reviewed, rng.int(this.shape.history[0], this.shape.history[1]));
    if (months > 0) {
      // Months late count down towards the past: a 60-day late was 30 days late the month before.
      const late = status === 'LATE_30' ? 1 : status === 'LATE_60' ? 2 : status === 'LATE_90' ? 3 : status === 'CHARGED_OFF' ? 5 : 0;
      x += `        <${r}PaymentHistory>\n`;
      for (let m = 1; m <= months; m++) {
        const period = this.appMonth - m;
        const behind = late - m + 1;
        const code = behind >= 5 ? 'CO' : behind > 0 ? LATE_CODES[behind]! : rng.chance(0.03) ? '1' : 'C';
        x += `          <${r}Month period="${Math.floor(period / 12)}-${PAD2[(period % 12) + 1]}" code="${code}"/>\n`;
      }
      x += `        </${r}PaymentHistory>\n`;
    }
    return `${x}      </${r}Tradeline>\n`;
  }

  private notes(): string {
    const { p, rng, shape } = this;
    const n = rng.int(shape.notes[0], shape.notes[1]);
    if (n === 0) return '';
    let x = `  <${p}Notes>\n`;
    for (let i = 0; i < n; i++) {
      const count = rng.int(shape.sentences[0], shape.sentences[1]);
      let text = rng.pick(NOTE_SENTENCES);
      for (let s = 1; s < count; s++) text += ` ${rng.pick(NOTE_SENTENCES)}`;
      const created = `${date(this.appMonth, this.appDay)}T${PAD2[rng.int(8, 18)]}:${PAD2[rng.int(0, 59)]}:00Z`;
      x += `    <${p}Note author="${rng.pick(NOTE_AUTHORS)}" created="${created}"><![CDATA[${text}]]></${p}Note>\n`;
    }
    return `${x}  </${p}Notes>\n`;
  }

  /** The value to write for a spoilable field: its good text, or a bad one if this document spoils it. */
  private spoil(target: Bad, good: string, bad: readonly string[], table: CreditAppTable, column: string, path: string): string {
    return this.bad === target ? this.inject(bad, table, column, path) : good;
  }

  private inject(bad: readonly string[], table: CreditAppTable, column: string, path: string): string {
    const value = this.rng.pick(bad);
    this.defect = { table, column, path, value };
    return value;
  }
}

/** Breaks a well-formed document in one of four ways that any XML parser must reject. */
function breakDocument(xml: string, rng: Rng): { xml: string; expected: null; defect: MalformedDefect } {
  const flaw = rng.pick(['unclosed-tag', 'mismatched-tag', 'bare-ampersand', 'truncated'] as const);
  // Every document has a current address, so these tags are always there.
  const line1 = xml.indexOf('Line1>', xml.indexOf('</', xml.indexOf('Line1>')));
  const city = xml.indexOf('City>', xml.indexOf('</', xml.indexOf('City>')));
  let broken: string;
  switch (flaw) {
    case 'unclosed-tag': {
      // Drop the first </Line1>, so </Address> closes while <Line1> is open.
      const open = xml.lastIndexOf('</', line1);
      broken = xml.slice(0, open) + xml.slice(line1 + 'Line1>'.length);
      break;
    }
    case 'mismatched-tag':
      broken = `${xml.slice(0, city)}Town>${xml.slice(city + 'City>'.length)}`;
      break;
    case 'bare-ampersand': {
      const open = xml.lastIndexOf('</', line1);
      broken = `${xml.slice(0, open)} & Rear${xml.slice(open)}`;
      break;
    }
    case 'truncated':
      broken = xml.slice(0, Math.floor(xml.length * (0.3 + rng.next() * 0.6)));
      break;
  }
  return { xml: broken, expected: null, defect: { flaw } };
}

const LATE_CODES = ['C', '1', '2', '3', '4'];
