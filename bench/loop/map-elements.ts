// The hand-written loop's mapping of element-shape credit applications (see loop.ts).
import { at, bool, date, dec, int, kids, opt, str, val, type Node, type Row } from './loop.js';

export function mapElements(app: Node, key: number): Row[] {
  const h = at(app, 'Header');
  const a = at(app, 'Applicant');
  const rows: Row[] = [[
    'app_base',
    [
      key, date(val(h, 'ApplicationDate'), 'application_date'), str(val(h, 'ProductType'), 'product_type'),
      dec(val(h, 'RequestedAmount'), 'requested_amount'), int(val(h, 'TermMonths'), 'term_months'), str(val(h, 'Channel'), 'channel'),
      str(val(h, 'Status'), 'status'), str(val(a, 'Name/First'), 'first_name'), str(val(a, 'Name/Last'), 'last_name'),
      date(val(a, 'BirthDate'), 'birth_date'), str(val(a, 'SSNLast4'), 'ssn_last4'), val(a, 'Email') ?? null,
      dec(val(a, 'AnnualIncome'), 'annual_income'), bool(val(h, 'JointApplication'), 'is_joint'),
    ],
  ]];
  kids(at(a, 'Contacts'), 'Contact').forEach((c, i) => {
    const preferred = c.attrs.preferred;
    rows.push(['app_contact', [key, i + 1, str(c.attrs.type, 'type'), str(val(c, 'Phone'), 'phone'), val(c, 'Email') ?? null, preferred === undefined ? 0 : bool(preferred, 'preferred')]]);
  });
  kids(at(a, 'Addresses'), 'Address').forEach((d, i) => {
    rows.push(['app_address', [
      key, i + 1, str(d.attrs.type, 'type'), str(val(d, 'Line1'), 'line1'), val(d, 'Line2') ?? null, str(val(d, 'City'), 'city'),
      str(val(d, 'State'), 'state'), str(val(d, 'PostalCode'), 'postal_code'), str(val(d, 'Country'), 'country'), opt(val(d, 'YearsAtAddress'), 'years_at_address', int),
    ]]);
  });
  kids(at(a, 'Employment'), 'Employer').forEach((e, i) => {
    rows.push(['app_employment', [
      key, i + 1, str(val(e, 'Name'), 'employer'), val(e, 'Title') ?? null, date(val(e, 'StartDate'), 'start_date'),
      opt(val(e, 'EndDate'), 'end_date', date), opt(val(e, 'MonthlyIncome'), 'monthly_income', dec), bool(e.attrs.current, 'is_current'),
    ]]);
  });
  kids(at(app, 'CreditReport/Tradelines'), 'Tradeline').forEach((t, i) => {
    rows.push(['app_tradeline', [
      key, i + 1, str(val(t, 'Creditor'), 'creditor'), str(val(t, 'AccountType'), 'account_type'), date(val(t, 'OpenedDate'), 'opened_date'),
      dec(val(t, 'Balance'), 'balance'), opt(val(t, 'CreditLimit'), 'credit_limit', dec), str(val(t, 'PaymentStatus'), 'payment_status'),
      int(val(t, 'MonthsReviewed'), 'months_reviewed'),
    ]]);
  });
  return rows;
}
