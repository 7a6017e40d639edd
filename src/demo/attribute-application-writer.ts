import type { Rng } from './prng.js';
import { caPostal, date, daysIn, money, usZip } from './credit-app-values.js';
import {
  BAD_DATES, BAD_DECIMALS, BAD_INTEGERS, CHANNELS, CITIES, CREDITORS, CULTURES, EMPLOYERS, MAIL_DOMAINS, PAD2, PAYMENT_STATUSES,
  PRODUCTS, STATUSES, TITLES, UNITS,
} from './credit-app-vocabulary.js';
import type { BadValueDefect, CreditAppTable, DocumentSize, MalformedDefect, WireValue } from './credit-app-generator.js';

const APP_NS = 'urn:example:credit-application:v3';

// Tradelines per document by size: ~24 rows and ~4 KB at medium, about as many bytes per row as
// the element shape has per element, but the values in attributes of many small repeated elements.
const TRADELINES: Readonly<Record<DocumentSize, readonly [number, number]>> = {
  small: [4, 8],
  medium: [14, 21],
  large: [280, 380],
};

/** Values a 'bad-value' document may spoil (non-nullable typed columns), as in the element shape. */
const BAD_TARGETS = ['application_date', 'requested_amount', 'term_months', 'birth_date', 'annual_income', 'opened_date', 'balance', 'months_reviewed'] as const;

type Row = Record<string, WireValue>;

/**
 * Writes a credit application in the attribute-heavy shape: every value an attribute, one small
 * element per contact, address, employer and tradeline. The same tables and the same kinds of
 * bad values as the element shape, so one set of tables holds both.
 */
export class AttributeApplicationWriter {
  readonly rows: Record<CreditAppTable, Row[]> = { app_base: [], app_contact: [], app_address: [], app_employment: [], app_tradeline: [] };
  defect: BadValueDefect | null = null;
  private readonly bad: (typeof BAD_TARGETS)[number] | null;
  private readonly appMonth: number;
  private readonly appDay: number;

  constructor(
    private readonly rng: Rng,
    private readonly appId: number,
    private readonly size: DocumentSize,
    spoil: boolean,
  ) {
    this.bad = spoil ? rng.pick(BAD_TARGETS) : null;
    this.appMonth = 2022 * 12 + rng.int(0, 35);
    this.appDay = rng.int(1, 28);
  }

  write(): string {
    const { rng, appId } = this;
    const product = rng.pick(PRODUCTS);
    const appDate = date(this.appMonth, this.appDay);
    const amount = `${rng.int(product.amount[0], product.amount[1]) * 500}.00`;
    const term = rng.int(product.years[0], product.years[1]) * 12;
    const channel = rng.pick(CHANNELS);
    const status = rng.pick(STATUSES);
    const joint = rng.chance(0.15);
    const culture = rng.chance(0.5) ? CULTURES[0]! : rng.pick(CULTURES);
    const first = rng.pick(culture.first);
    const last = rng.pick(culture.last);
    const birthMonth = this.appMonth - rng.int(21, 75) * 12 - rng.int(0, 11);
    const birth = date(birthMonth, rng.int(1, daysIn(birthMonth)));
    const ssn = `${PAD2[rng.int(0, 99)]}${PAD2[rng.int(0, 99)]}`;
    const email = rng.chance(0.8) ? `${first.slug}.${last.slug}@${rng.pick(MAIL_DOMAINS)}` : null;
    const incomeCents = (rng.int(18, 240) * 1000 + rng.int(0, 3) * 250) * 100;
    const income = money(incomeCents);
    this.rows.app_base.push({
      app_id: appId, application_date: appDate, product_type: product.code, requested_amount: amount, term_months: term, channel, status,
      first_name: first.text, last_name: last.text, birth_date: birth, ssn_last4: ssn, email, annual_income: income, is_joint: joint ? 1 : 0,
    });
    const ns = rng.chance(0.4) ? ` xmlns="${APP_NS}"` : '';
    let x = rng.chance(0.7) ? '<?xml version="1.0" encoding="UTF-8"?>\n' : '';
    x += `<Application${ns} id="${appId}" date="${this.spoil('application_date', appDate, BAD_DATES, '/Application/@date')}" product="${product.code}"`;
    x += ` amount="${this.spoil('requested_amount', amount, BAD_DECIMALS, '/Application/@amount')}" term="${this.spoil('term_months', String(term), BAD_INTEGERS, '/Application/@term')}"`;
    x += ` channel="${channel}" status="${status}" joint="${joint ? 'Y' : 'N'}">\n`;
    x += `  <Applicant first="${esc(first.text)}" last="${esc(last.text)}" birthDate="${this.spoil('birth_date', birth, BAD_DATES, '/Application/Applicant/@birthDate')}" ssnLast4="${ssn}"`;
    x += `${email === null ? '' : ` email="${email}"`} income="${this.spoil('annual_income', income, BAD_DECIMALS, '/Application/Applicant/@income')}">\n`;
    x += this.contacts(email);
    x += this.addresses();
    x += this.employers(birthMonth, incomeCents);
    x += '  </Applicant>\n';
    x += this.tradelines(birthMonth);
    return `${x}</Application>\n`;
  }

  private contacts(email: string | null): string {
    const { rng, appId } = this;
    const n = rng.int(1, 3);
    const preferred = rng.int(0, n - 1);
    let x = '';
    for (let i = 0; i < n; i++) {
      const type = ['MOBILE', 'HOME', 'WORK'][i]!;
      const phone = `+1-${rng.pick(CITIES).areaCode}-555-01${PAD2[rng.int(0, 99)]}`;
      const mail = i === 0 ? email : null;
      this.rows.app_contact.push({ app_id: appId, seq: i + 1, type, phone, email: mail, preferred: i === preferred ? 1 : 0 });
      x += `    <Contact type="${type}" phone="${phone}"${mail === null ? '' : ` email="${mail}"`} preferred="${i === preferred}"/>\n`;
    }
    return x;
  }

  private addresses(): string {
    const { rng, appId } = this;
    const n = rng.int(1, 3);
    let x = '';
    for (let i = 0; i < n; i++) {
      const type = ['CURRENT', 'PREVIOUS', 'MAILING'][i]!;
      const c = rng.pick(CITIES);
      const line1 = `${rng.int(1, 9899)} ${rng.pick(c.streets).text}`;
      const unit = rng.chance(0.3) ? rng.pick(UNITS).text : null;
      const postal = c.country === 'US' ? usZip(rng, c.postalPrefix) : caPostal(rng, c.postalPrefix);
      const years = type === 'MAILING' ? null : rng.int(0, 25);
      this.rows.app_address.push({
        app_id: appId, seq: i + 1, type, line1, line2: unit, city: c.city.text, state: c.state, postal_code: postal, country: c.country, years_at_address: years,
      });
      x += `    <Address type="${type}" line1="${esc(line1)}"${unit === null ? '' : ` line2="${esc(unit)}"`} city="${esc(c.city.text)}" state="${c.state}"`;
      x += ` postalCode="${postal}" country="${c.country}"${years === null ? '' : ` years="${years}"`}/>\n`;
    }
    return x;
  }

  private employers(birthMonth: number, incomeCents: number): string {
    const { rng, appId } = this;
    const n = rng.int(0, 3);
    let end = this.appMonth;
    let x = '';
    for (let i = 0; i < n && end > birthMonth + 16 * 12; i++) {
      const isCurrent = i === 0;
      const startMonth = Math.max(birthMonth + 16 * 12, end - rng.int(3, 96));
      const start = date(startMonth, rng.int(1, 28));
      const endDate = isCurrent ? null : date(end, rng.int(1, 28));
      const employer = rng.pick(EMPLOYERS).text;
      const title = rng.chance(0.8) ? rng.pick(TITLES).text : null;
      const monthly = rng.chance(0.7) ? money(Math.round(incomeCents / 12)) : null;
      this.rows.app_employment.push({
        app_id: appId, seq: i + 1, employer, title, start_date: start, end_date: endDate, monthly_income: monthly, is_current: isCurrent ? 1 : 0,
      });
      x += `    <Employer name="${esc(employer)}"${title === null ? '' : ` title="${esc(title)}"`} start="${start}"${endDate === null ? '' : ` end="${endDate}"`}`;
      x += `${monthly === null ? '' : ` monthlyIncome="${monthly}"`} current="${isCurrent}"/>\n`;
      end = startMonth - rng.int(0, 6);
    }
    return x;
  }

  private tradelines(birthMonth: number): string {
    const { rng, appId } = this;
    const [min, max] = TRADELINES[this.size];
    const n = rng.int(min, max);
    const spoilAt = this.bad === 'opened_date' || this.bad === 'balance' || this.bad === 'months_reviewed' ? rng.int(0, n - 1) : -1;
    let x = '';
    for (let i = 0; i < n; i++) {
      const type = rng.pick(['REVOLVING', 'REVOLVING', 'INSTALLMENT', 'MORTGAGE', 'OPEN'] as const);
      const reviewed = rng.int(3, Math.max(3, Math.min(120, this.appMonth - birthMonth - 18 * 12)));
      const opened = date(this.appMonth - reviewed, rng.int(1, 28));
      const limit = type === 'REVOLVING' ? money(rng.int(5, 250) * 10000) : null;
      const balance = money(rng.int(0, 2_000_000));
      const status = rng.pick(PAYMENT_STATUSES);
      const creditor = rng.pick(CREDITORS[type]).text;
      this.rows.app_tradeline.push({
        app_id: appId, seq: i + 1, creditor, account_type: type, opened_date: opened, balance, credit_limit: limit, payment_status: status, months_reviewed: reviewed,
      });
      const at = (attr: string) => `/Application/Tradeline${n > 1 ? `[${i + 1}]` : ''}/@${attr}`;
      const here = i === spoilAt;
      x += `  <Tradeline id="${i + 1}" account="XXXX${rng.int(1000, 9999)}" creditor="${esc(creditor)}" type="${type}" opened="${here ? this.spoil('opened_date', opened, BAD_DATES, at('opened')) : opened}"`;
      x += ` balance="${here ? this.spoil('balance', balance, BAD_DECIMALS, at('balance')) : balance}"${limit === null ? '' : ` limit="${limit}"`} status="${status}"`;
      x += ` months="${here ? this.spoil('months_reviewed', String(reviewed), BAD_INTEGERS, at('months')) : reviewed}"/>\n`;
    }
    return x;
  }

  private spoil(column: (typeof BAD_TARGETS)[number], good: string, bad: readonly string[], path: string): string {
    if (this.bad !== column) return good;
    const value = this.rng.pick(bad);
    const table: CreditAppTable = column === 'opened_date' || column === 'balance' || column === 'months_reviewed' ? 'app_tradeline' : 'app_base';
    this.defect = { table, column, path, value };
    return esc(value);
  }
}

/** Breaks an attribute-shape document in one of four ways that any XML parser must reject. */
export function breakAttributeDocument(xml: string, rng: Rng): { xml: string; expected: null; defect: MalformedDefect } {
  const flaw = rng.pick(['unclosed-tag', 'mismatched-tag', 'bare-ampersand', 'truncated'] as const);
  const address = xml.indexOf('<Address ');
  const selfClose = xml.indexOf('/>', address);
  let broken: string;
  switch (flaw) {
    case 'unclosed-tag': // <Address .../> loses its slash, so </Applicant> closes while it is open
      broken = xml.slice(0, selfClose) + xml.slice(selfClose + 1);
      break;
    case 'mismatched-tag':
      broken = xml.replace('</Applicant>', '</Applicants>');
      break;
    case 'bare-ampersand':
      broken = `${xml.slice(0, address)}<Address type="CURRENT" line1="Rear & Side"/>\n${xml.slice(address)}`;
      break;
    case 'truncated':
      broken = xml.slice(0, Math.floor(xml.length * (0.3 + rng.next() * 0.6)));
      break;
  }
  return { xml: broken, expected: null, defect: { flaw } };
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
}
