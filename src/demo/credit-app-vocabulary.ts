/**
 * Word lists for the credit-application generator, prepared once at load time (escaped XML
 * text, ASCII slugs for e-mail addresses) so that generating a document needs no regex and
 * no escaping.
 */

/** A value together with its XML text (escaped, or a CDATA section). */
export interface Term {
  readonly text: string;
  readonly xml: string;
}

/** A name with the ASCII form used to make e-mail addresses. */
export interface Name extends Term {
  readonly slug: string;
}

export interface NameCulture {
  readonly first: readonly Name[];
  readonly last: readonly Name[];
}

export interface City {
  readonly city: Term;
  readonly state: string;
  readonly country: 'US' | 'CA';
  readonly postalPrefix: string;
  readonly areaCode: string;
  readonly streets: readonly Term[];
}

/** Escapes text for element content; `'` as `&apos;` too, as many producers do. */
function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/'/g, '&apos;').replace(/"/g, '&quot;');
}

/** `'Name'`, or `'!Name'` for a value written as a CDATA section. */
function term(source: string): Term {
  if (source.startsWith('!')) {
    const text = source.slice(1);
    return { text, xml: `<![CDATA[${text}]]>` };
  }
  return { text: source, xml: escapeXml(source) };
}

const FOLD: Readonly<Record<string, string>> = { ł: 'l', Ł: 'l', ø: 'o', Ø: 'o', ß: 'ss', ð: 'd', Ð: 'd', þ: 'th', Þ: 'th', æ: 'ae', Æ: 'ae', đ: 'd', Đ: 'd' };

/** `'José'` (slug folded to `jose`) or `'李|li'` (slug given). */
function name(source: string): Name {
  const bar = source.indexOf('|');
  const text = bar < 0 ? source : source.slice(0, bar);
  const slug =
    bar >= 0
      ? source.slice(bar + 1)
      : text
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .replace(/[^\x00-\x7f]/g, (c) => FOLD[c] ?? '')
          .toLowerCase()
          .replace(/[^a-z]/g, '');
  return { ...term(text), slug };
}

function culture(first: string, last: string): NameCulture {
  return { first: first.split(',').map(name), last: last.split(',').map(name) };
}

/** Name cultures; the generator weights the first one most. */
export const CULTURES: readonly NameCulture[] = [
  culture(
    'James,Mary,Robert,Patricia,Michael,Jennifer,David,Linda,William,Elizabeth,Christopher,Ashley,Daniel,Sarah,Matthew,Jessica,Anthony,Karen,Joshua,Emily,Zoë,Chloë',
    "Smith,Johnson,Williams,Brown,Jones,Miller,Davis,Wilson,Anderson,Taylor,Thomas,Moore,Jackson,Martin,Thompson,White,Harris,Clark,O'Brien,O'Connor,D'Angelo,McCarthy",
  ),
  culture(
    'José,María,Jesús,Sofía,Andrés,Lucía,Ramón,Inés,Joaquín,Verónica,Ángel,Mónica',
    'Núñez,García,Rodríguez,Martínez,Hernández,López,González,Pérez,Sánchez,Peña,Ibáñez,Muñoz,García-Márquez,De la Cruz',
  ),
  culture(
    'Zoë,Björn,Åsa,Sören,Ingrid,Øystein,Märta,Ólafur,Guðrún,Sigríður,Þórður,Jón',
    'Ångström,Bjørnsen,Sjöberg,Lindqvist,Østergaard,Åberg,Jónsdóttir,Þórsson,Guðmundsson,Ólafsdóttir',
  ),
  culture(
    'Małgorzata,Łukasz,Wojciech,Agnieszka,Zbigniew,Grzegorz,Katarzyna,Paweł',
    'Wiśniewska,Wójcik,Kowalczyk,Dąbrowski,Zieliński,Szymańska,Kamiński,Woźniak',
  ),
  culture('雷|lei,伟|wei,芳|fang,娜|na,秀英|xiuying,敏|min,静|jing,强|qiang', '李|li,王|wang,张|zhang,刘|liu,陈|chen,杨|yang,黄|huang,赵|zhao'),
  culture('Minh,Thảo,Dũng,Hương,Phúc,Linh,Quân', 'Nguyễn,Trần,Lê,Phạm,Huỳnh,Võ,Đặng'),
  culture(
    'Jürgen,Françoise,Hélène,Léa,Günther,Chloé,Noël,Anaïs,Jérôme,Renée',
    'Müller,Schröder,Weiß,Lefèvre,Dubois,Brontë,Côté,Gagné,Gauß,Thériault',
  ),
  culture('Priya,Arjun,Aditya,Anaya,Rohan,Kavya,Vikram,Meera', 'Patel,Sharma,Iyer,Reddy,Nair,Gupta,Desai,Chatterjee'),
];

const US_STREETS: readonly Term[] = [
  'Main St', 'Oak Ave', 'Maple Dr', 'Cedar Ln', 'Elm St', 'Washington Blvd', 'Lakeview Ter', 'Park Pl', 'Sunset Blvd',
  'Calle Real', 'Mill Rd', 'Pine Ridge Ct', "King's Hwy", 'Church & Vine St', 'Martin Luther King Jr Blvd',
].map(term);
const QC_STREETS: readonly Term[] = ['Rue Saint-Denis', 'Avenue des Érables', 'Boulevard René-Lévesque', 'Rue Sainte-Catherine', "Chemin de l'Église"].map(term);
const ON_STREETS: readonly Term[] = ['Queen St W', 'Bloor St E', 'King St W', 'Spadina Ave', 'Dundas St W'].map(term);

const city = (c: string, state: string, country: 'US' | 'CA', postalPrefix: string, areaCode: string): City => ({
  city: term(c),
  state,
  country,
  postalPrefix,
  areaCode,
  streets: state === 'QC' ? QC_STREETS : state === 'ON' ? ON_STREETS : US_STREETS,
});

export const CITIES: readonly City[] = [
  city('Austin', 'TX', 'US', '787', '512'),
  city('Seattle', 'WA', 'US', '981', '206'),
  city('Chicago', 'IL', 'US', '606', '312'),
  city('Miami', 'FL', 'US', '331', '305'),
  city('Denver', 'CO', 'US', '802', '303'),
  city('Boston', 'MA', 'US', '021', '617'),
  city('Phoenix', 'AZ', 'US', '850', '602'),
  city('Atlanta', 'GA', 'US', '303', '404'),
  city('San José', 'CA', 'US', '951', '408'),
  city('Española', 'NM', 'US', '875', '505'),
  city('Cañon City', 'CO', 'US', '812', '719'),
  city("Coeur d'Alene", 'ID', 'US', '838', '208'),
  city('Portland', 'OR', 'US', '972', '503'),
  city('Minneapolis', 'MN', 'US', '554', '612'),
  city('Brooklyn', 'NY', 'US', '112', '718'),
  city('Nashville', 'TN', 'US', '372', '615'),
  city('Columbus', 'OH', 'US', '432', '614'),
  city('Raleigh', 'NC', 'US', '276', '919'),
  city('Montréal', 'QC', 'CA', 'H2X', '514'),
  city('Québec', 'QC', 'CA', 'G1R', '418'),
  city('Toronto', 'ON', 'CA', 'M5V', '416'),
];

export const UNITS: readonly Term[] = ['Apt 4B', 'Apt 12', 'Unit 305', 'Suite 200', '#7', 'Apt 2F', 'Bldg C, Apt 14', 'Rear'].map(term);

export const EMPLOYERS: readonly Term[] = [
  'Acme Widgets Inc.', 'Globex Corporation', 'Initech LLC', 'Umbrella Health Partners', 'Northwind Traders', 'Contoso Ltd.',
  'Fabrikam, Inc.', 'Tailspin Toys', 'Wide World Importers', 'Smith & Sons Plumbing', 'Barnes & Whitfield LLP',
  "O'Malley's Pub & Grill", 'Café Müller GmbH', 'Société Générale de Logiciels', 'Bäckerei Schäfer', 'City of Springfield',
  'Lakeside Unified School District', 'St. Mary\'s Regional Hospital', '!R&D <Skunkworks> LLC', '!Tom & Jerry\'s <Diner>',
  'Peña Construcción S.A.', '北京华联 (USA) Inc.', 'Quantum Logistics', 'Blue Ridge Freight',
].map(term);

export const TITLES: readonly Term[] = [
  'Software Engineer', 'Registered Nurse', 'Teacher', 'Sales Associate', 'Warehouse Supervisor', 'Accountant',
  'Electrician', 'Chef de cuisine', 'VP, R&D', 'Truck Driver', 'Office Manager', 'Pharmacist', 'Data Analyst',
  'Customer Service Rep', 'Dental Hygienist', 'Project Manager',
].map(term);

/** Creditors by the kind of account they report. */
export const CREDITORS: Readonly<Record<'REVOLVING' | 'INSTALLMENT' | 'MORTGAGE' | 'OPEN', readonly Term[]>> = {
  REVOLVING: ['Northwind Card Services', 'Citadel Retail Card', "Macy's & Co. Card", 'First Lakeside Bank', 'Crédit Agricole Nord'].map(term),
  INSTALLMENT: ['Summit Auto Finance', 'Evergreen Student Loans', 'Harbor & Main Credit Union', 'Blue Ridge Federal CU', 'Banco Peñasco', 'Metro Transit Auto'].map(term),
  MORTGAGE: ['Pinnacle Mortgage Co.', 'Golden State Home Loans', 'Prairie Farm Credit'].map(term),
  OPEN: ['Pacific Gas & Power', 'Lakeside Telecom', 'Cascade Water & Sewer'].map(term),
};

export const NOTE_SENTENCES: readonly string[] = [
  'Applicant called about the rate; quoted 6.9% APR < 7% promo & explained autopay discount.',
  'Verified income with two pay stubs (YTD > $40k) and a W-2.',
  'Employer phone number on file goes to voicemail; left message for HR.',
  'Address on the ID differs from the application: applicant moved in March, lease provided.',
  'Thin file: fewer than 3 tradelines older than 24 months. Manual review requested.',
  'Bureau shows a 30-day late on a revolving account in 2022; applicant says it was a billing dispute.',
  'Co-applicant\'s SSN mismatch resolved — clerical error at intake.',
  'Requested amount reduced after DTI check ("debt-to-income" was 47% before, 38% after).',
  'Fraud alert on file; identity confirmed by phone with one-time passcode.',
  'Applicant prefers contact by e-mail after 5 pm; do not call at work.',
  'Collateral: 2019 sedan, VIN verified, title clean. LTV < 90%.',
  'Self-employed since 2020; two years of Schedule C reviewed & averaged.',
  'Duplicate application from the branch channel withdrawn in favour of this one.',
  'Résumé gap 2020–2021 explained: caring for a family member.',
];

export const NOTE_AUTHORS: readonly string[] = ['uw.jkim', 'uw.mrodriguez', 'ops.tnguyen', 'branch.0417', 'uw.abjornsen', 'system'];

export interface Product {
  readonly code: string;
  /** Requested amount range in units of 500.00, and term range in years. */
  readonly amount: readonly [number, number];
  readonly years: readonly [number, number];
}

export const PRODUCTS: readonly Product[] = [
  { code: 'PERSONAL_LOAN', amount: [2, 80], years: [1, 5] },
  { code: 'PERSONAL_LOAN', amount: [2, 80], years: [1, 5] },
  { code: 'AUTO_LOAN', amount: [10, 120], years: [3, 7] },
  { code: 'DEBT_CONSOLIDATION', amount: [6, 100], years: [2, 7] },
  { code: 'HOME_IMPROVEMENT', amount: [10, 150], years: [3, 15] },
  { code: 'HOME_EQUITY', amount: [40, 500], years: [5, 30] },
];
export const CHANNELS: readonly string[] = ['ONLINE', 'ONLINE', 'MOBILE', 'BRANCH', 'PHONE', 'BROKER'];
export const STATUSES: readonly string[] = ['SUBMITTED', 'IN_REVIEW', 'IN_REVIEW', 'APPROVED', 'DECLINED', 'WITHDRAWN'];
export const BUREAUS: readonly string[] = ['EQUIFAX', 'EXPERIAN', 'TRANSUNION'];
export const MAIL_DOMAINS: readonly string[] = ['example.com', 'example.org', 'mail.example.net', 'inbox.example.com'];
export const PAYMENT_STATUSES: readonly string[] = [
  'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', 'CURRENT', 'PAID_CLOSED', 'LATE_30', 'LATE_60', 'LATE_90', 'CHARGED_OFF',
];

/** Two-digit zero-padded strings '00'..'99'. */
export const PAD2: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : String(i)));

/** Bad values that a typed column must reject, by the column type they are meant for. */
export const BAD_DATES: readonly string[] = ['2023-02-30', '13/45/2020', '2021-04-31', '2019-02-29', '0000-00-00', '31.12.2020', 'N/A', '2020-1-5'];
export const BAD_DECIMALS: readonly string[] = ['12,5O0.00', '1,250.00', '$8,400', 'USD 950.00', '12.50.00', 'n/a', '4.500,00'];
export const BAD_INTEGERS: readonly string[] = ['36 months', '3.5', 'sixty', '4O'];
