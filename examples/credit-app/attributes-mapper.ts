import { defineMapper } from 'sluice/mapper';
import elementsMapper from './mapper.js';

/**
 * The same five tables from the attribute-heavy shape of credit applications (the generator's
 * `shape: 'attributes'`): every value an attribute of a small repeated element.
 *
 * ```xml
 * <Application id="3" date="2022-10-02" product="PERSONAL_LOAN" amount="13500.00" term="60" ... joint="N">
 *   <Applicant first="Agnieszka" last="Wójcik" birthDate="2000-12-21" ssnLast4="9784" income="60000.00">
 *     <Contact type="MOBILE" phone="+1-512-555-0127" preferred="true"/>
 *     <Address type="CURRENT" line1="9870 Cedar Ln" city="Raleigh" state="NC" postalCode="27673" country="US" years="17"/>
 *     <Employer name="Société Générale de Logiciels" start="2018-02-11" current="true"/>
 *   </Applicant>
 *   <Tradeline id="1" creditor="Lakeside Telecom" type="OPEN" opened="2021-03-12" balance="13547.74" status="LATE_90" months="19"/>
 * </Application>
 * ```
 */
export default defineMapper({
  tables: elementsMapper.tables,

  map(doc, ctx) {
    const app = doc.root;
    const app_id = ctx.key;
    const applicant = app.get('Applicant');
    ctx.emit('app_base', {
      app_id,
      application_date: app.field('@date'),
      product_type: app.field('@product'),
      requested_amount: app.field('@amount'),
      term_months: app.field('@term'),
      channel: app.field('@channel'),
      status: app.field('@status'),
      first_name: app.field('Applicant/@first'),
      last_name: app.field('Applicant/@last'),
      birth_date: app.field('Applicant/@birthDate'),
      ssn_last4: app.field('Applicant/@ssnLast4'),
      email: app.field('Applicant/@email'),
      annual_income: app.field('Applicant/@income'),
      is_joint: app.field('@joint'),
    });
    if (!applicant) return;
    applicant.all('Contact').forEach((c, i) => {
      ctx.emit('app_contact', { app_id, seq: i + 1, type: c.field('@type'), phone: c.field('@phone'), email: c.field('@email'), preferred: c.field('@preferred') });
    });
    applicant.all('Address').forEach((a, i) => {
      ctx.emit('app_address', {
        app_id,
        seq: i + 1,
        type: a.field('@type'),
        line1: a.field('@line1'),
        line2: a.field('@line2'),
        city: a.field('@city'),
        state: a.field('@state'),
        postal_code: a.field('@postalCode'),
        country: a.field('@country'),
        years_at_address: a.field('@years'),
      });
    });
    applicant.all('Employer').forEach((e, i) => {
      ctx.emit('app_employment', {
        app_id,
        seq: i + 1,
        employer: e.field('@name'),
        title: e.field('@title'),
        start_date: e.field('@start'),
        end_date: e.field('@end'),
        monthly_income: e.field('@monthlyIncome'),
        is_current: e.field('@current'),
      });
    });
    app.all('Tradeline').forEach((t, i) => {
      ctx.emit('app_tradeline', {
        app_id,
        seq: i + 1,
        creditor: t.field('@creditor'),
        account_type: t.field('@type'),
        opened_date: t.field('@opened'),
        balance: t.field('@balance'),
        credit_limit: t.field('@limit'),
        payment_status: t.field('@status'),
        months_reviewed: t.field('@months'),
      });
    });
  },
});
