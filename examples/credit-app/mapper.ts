import { column, defineMapper } from 'sluice/mapper';

/**
 * Credit applications (`<Application>` documents, as in the origin system's `app_xml` table)
 * into one base row and rows per contact, address, employer and credit-report tradeline.
 *
 * Queries match elements by local name, so documents with no namespace, a default namespace
 * or `ca:` / `cr:` prefixes are read by the same paths. Every value is passed as a field
 * (value + XML path), so a bad date or amount fails the record with the path that holds it.
 */
export default defineMapper({
  tables: {
    app_base: {
      columns: {
        app_id: column.integer(),
        application_date: column.date(),
        product_type: column.text({ maxLength: 40 }),
        requested_amount: column.decimal({ precision: 12, scale: 2 }),
        term_months: column.integer(),
        channel: column.text({ maxLength: 20 }),
        status: column.text({ maxLength: 20 }),
        first_name: column.text({ maxLength: 100 }),
        last_name: column.text({ maxLength: 100 }),
        birth_date: column.date(),
        ssn_last4: column.text({ maxLength: 4 }),
        email: column.text({ nullable: true, maxLength: 200 }),
        annual_income: column.decimal({ precision: 12, scale: 2 }),
        is_joint: column.boolean(),
      },
      primaryKey: ['app_id'],
      keyColumn: 'app_id',
    },
    app_contact: {
      columns: {
        app_id: column.integer(),
        seq: column.integer(),
        type: column.text({ maxLength: 10 }),
        phone: column.text({ maxLength: 30 }),
        email: column.text({ nullable: true, maxLength: 200 }),
        preferred: column.boolean(),
      },
      primaryKey: ['app_id', 'seq'],
      keyColumn: 'app_id',
    },
    app_address: {
      columns: {
        app_id: column.integer(),
        seq: column.integer(),
        type: column.text({ maxLength: 10 }),
        line1: column.text({ maxLength: 200 }),
        line2: column.text({ nullable: true, maxLength: 200 }),
        city: column.text({ maxLength: 100 }),
        state: column.text({ maxLength: 10 }),
        postal_code: column.text({ maxLength: 12 }),
        country: column.text({ maxLength: 2 }),
        years_at_address: column.integer({ nullable: true }),
      },
      primaryKey: ['app_id', 'seq'],
      keyColumn: 'app_id',
    },
    app_employment: {
      columns: {
        app_id: column.integer(),
        seq: column.integer(),
        employer: column.text({ maxLength: 200 }),
        title: column.text({ nullable: true, maxLength: 100 }),
        start_date: column.date(),
        end_date: column.date({ nullable: true }),
        monthly_income: column.decimal({ precision: 10, scale: 2, nullable: true }),
        is_current: column.boolean(),
      },
      primaryKey: ['app_id', 'seq'],
      keyColumn: 'app_id',
    },
    app_tradeline: {
      columns: {
        app_id: column.integer(),
        seq: column.integer(),
        creditor: column.text({ maxLength: 200 }),
        account_type: column.text({ maxLength: 20 }),
        opened_date: column.date(),
        balance: column.decimal({ precision: 12, scale: 2 }),
        credit_limit: column.decimal({ precision: 12, scale: 2, nullable: true }),
        payment_status: column.text({ maxLength: 20 }),
        months_reviewed: column.integer(),
      },
      primaryKey: ['app_id', 'seq'],
      keyColumn: 'app_id',
    },
  },

  map(doc, ctx) {
    const app = doc.root;
    const app_id = ctx.key;

    ctx.emit('app_base', {
      app_id,
      application_date: app.field('Header/ApplicationDate'),
      product_type: app.field('Header/ProductType'),
      requested_amount: app.field('Header/RequestedAmount'),
      term_months: app.field('Header/TermMonths'),
      channel: app.field('Header/Channel'),
      status: app.field('Header/Status'),
      first_name: app.field('Applicant/Name/First'),
      last_name: app.field('Applicant/Name/Last'),
      birth_date: app.field('Applicant/BirthDate'),
      ssn_last4: app.field('Applicant/SSNLast4'),
      email: app.field('Applicant/Email'), // absent → NULL
      annual_income: app.field('Applicant/AnnualIncome'),
      is_joint: app.field('Header/JointApplication'), // Y/N
    });

    app.getAll('Applicant/Contacts/Contact').forEach((c, i) => {
      // The attribute is written only on the preferred contact in some documents: absent means false.
      const preferred = c.field('@preferred');
      ctx.emit('app_contact', {
        app_id,
        seq: i + 1,
        type: c.field('@type'),
        phone: c.field('Phone'),
        email: c.field('Email'),
        preferred: preferred.value === undefined ? false : preferred,
      });
    });

    app.getAll('Applicant/Addresses/Address').forEach((a, i) => {
      ctx.emit('app_address', {
        app_id,
        seq: i + 1,
        type: a.field('@type'),
        line1: a.field('Line1'),
        line2: a.field('Line2'),
        city: a.field('City'),
        state: a.field('State'),
        postal_code: a.field('PostalCode'),
        country: a.field('Country'),
        years_at_address: a.field('YearsAtAddress'),
      });
    });

    // <Employment/> may be empty or missing altogether: no rows either way.
    app.getAll('Applicant/Employment/Employer').forEach((e, i) => {
      ctx.emit('app_employment', {
        app_id,
        seq: i + 1,
        employer: e.field('Name'), // may be a CDATA section
        title: e.field('Title'),
        start_date: e.field('StartDate'),
        end_date: e.field('EndDate'),
        monthly_income: e.field('MonthlyIncome'),
        is_current: e.field('@current'),
      });
    });

    // The bureau report carries its own namespace; local names find it all the same.
    app.getAll('CreditReport/Tradelines/Tradeline').forEach((t, i) => {
      ctx.emit('app_tradeline', {
        app_id,
        seq: i + 1,
        creditor: t.field('Creditor'),
        account_type: t.field('AccountType'),
        opened_date: t.field('OpenedDate'),
        balance: t.field('Balance'),
        credit_limit: t.field('CreditLimit'), // revolving accounts only
        payment_status: t.field('PaymentStatus'),
        months_reviewed: t.field('MonthsReviewed'),
      });
    });
  },
});
