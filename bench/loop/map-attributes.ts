// The hand-written loop's mapping of attribute-shape credit applications (see loop.ts).
import { at, bool, date, dec, int, kids, opt, str, type Node, type Row } from './loop.js';

export function mapAttributes(app: Node, key: number): Row[] {
  const h = app.attrs;
  const applicant = at(app, 'Applicant');
  const a = applicant?.attrs ?? {};
  const rows: Row[] = [[
    'app_base',
    [
      key, date(h.date, 'application_date'), str(h.product, 'product_type'), dec(h.amount, 'requested_amount'), int(h.term, 'term_months'),
      str(h.channel, 'channel'), str(h.status, 'status'), str(a.first, 'first_name'), str(a.last, 'last_name'), date(a.birthDate, 'birth_date'),
      str(a.ssnLast4, 'ssn_last4'), a.email ?? null, dec(a.income, 'annual_income'), bool(h.joint, 'is_joint'),
    ],
  ]];
  kids(applicant, 'Contact').forEach(({ attrs: c }, i) => {
    rows.push(['app_contact', [key, i + 1, str(c.type, 'type'), str(c.phone, 'phone'), c.email ?? null, bool(c.preferred, 'preferred')]]);
  });
  kids(applicant, 'Address').forEach(({ attrs: d }, i) => {
    rows.push(['app_address', [
      key, i + 1, str(d.type, 'type'), str(d.line1, 'line1'), d.line2 ?? null, str(d.city, 'city'), str(d.state, 'state'),
      str(d.postalCode, 'postal_code'), str(d.country, 'country'), opt(d.years, 'years_at_address', int),
    ]]);
  });
  kids(applicant, 'Employer').forEach(({ attrs: e }, i) => {
    rows.push(['app_employment', [
      key, i + 1, str(e.name, 'employer'), e.title ?? null, date(e.start, 'start_date'), opt(e.end, 'end_date', date),
      opt(e.monthlyIncome, 'monthly_income', dec), bool(e.current, 'is_current'),
    ]]);
  });
  kids(app, 'Tradeline').forEach(({ attrs: t }, i) => {
    rows.push(['app_tradeline', [
      key, i + 1, str(t.creditor, 'creditor'), str(t.type, 'account_type'), date(t.opened, 'opened_date'), dec(t.balance, 'balance'),
      opt(t.limit, 'credit_limit', dec), str(t.status, 'payment_status'), int(t.months, 'months_reviewed'),
    ]]);
  });
  return rows;
}
