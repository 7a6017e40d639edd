// Micro-benchmark: parseXml on one ~8 KB credit-application document, plus a few typical
// queries on the parsed tree. Compile it as tsup does (esbuild), then run it:
//
//   npx esbuild bench/micro/parse-xml.bench.ts --bundle --platform=node --format=esm \
//     --packages=external --outfile=node_modules/.cache/sluice-bench/parse-xml.bench.mjs \
//     && node node_modules/.cache/sluice-bench/parse-xml.bench.mjs
//
// (`npx jiti bench/micro/parse-xml.bench.ts` also works, but jiti's Babel transform makes the
// code under test ~15% slower than the shipped build.)
import Benchmark from 'benchmark';
import { parseXml } from '../../src/xml/index.js';

function sampleApplication(appId: number): string {
  const contacts: string[] = [];
  for (let c = 1; c <= 7; c++) {
    contacts.push(`
    <Contact type="${c === 1 ? 'primary' : 'co-applicant'}" seq="${c}">
      <FirstName>Zoë ${c}</FirstName>
      <LastName>Ångström-O&apos;Neil</LastName>
      <BirthDate>198${c}-0${c}-1${c}</BirthDate>
      <SSN>123-45-678${c}</SSN>
      <Email>zoe.${c}@example.com</Email>
      <Phone kind="mobile">+1 555 010 ${1000 + c}</Phone>
      <Phone kind="home">+1 555 020 ${2000 + c}</Phone>
      <Addresses>
        <Address kind="current">
          <Street>${100 + c} Main Street &amp; 2nd Avenue</Street>
          <City>Springfield</City><State>IL</State><Zip>6270${c}</Zip>
          <MonthsAtAddress>${12 * c}</MonthsAtAddress>
        </Address>
        <Address kind="previous">
          <Street>${200 + c} Elm Road</Street>
          <City>Shelbyville</City><State>IL</State><Zip>6256${c}</Zip>
          <MonthsAtAddress>${24 + c}</MonthsAtAddress>
        </Address>
      </Addresses>
      <Employment>
        <Employer>Acme Widgets &lt;North&gt; Inc.</Employer>
        <Position>Senior Engineer</Position>
        <StartDate>2015-06-0${c}</StartDate>
        <MonthlyIncome currency="USD">${5000 + 250 * c}.00</MonthlyIncome>
        <Notes><![CDATA[Verified by phone; income > expected & stable]]></Notes>
      </Employment>
    </Contact>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>
<Application id="${appId}" xmlns="urn:example:credit" xmlns:x="urn:example:ext" version="3">
  <Header>
    <Channel>web</Channel><Submitted>2024-03-15T10:22:31Z</Submitted>
    <Product code="CC-PLAT">Platinum Card</Product><RequestedLimit>15000</RequestedLimit>
  </Header>
  <Contacts>${contacts.join('')}
  </Contacts>
  <Decision x:engine="v2">
    <Score>712</Score><Status>approved</Status><Reason>Income &#x2713; verified</Reason>
  </Decision>
</Application>
`;
}

const xml = sampleApplication(42);
let sink = 0;

const suite = new Benchmark.Suite();
suite
  .add(`parseXml (${(Buffer.byteLength(xml) / 1024).toFixed(1)} KB)`, () => {
    sink += parseXml(xml).root.children.length;
  })
  .add('parseXml + 20 value()/field() queries', () => {
    const root = parseXml(xml).root;
    sink += root.value('@id')?.length ?? 0;
    sink += root.value('Header/Submitted')?.length ?? 0;
    for (const contact of root.getAll('Contacts/Contact')) {
      sink += contact.value('FirstName')?.length ?? 0;
      sink += contact.field('BirthDate').path.length;
      sink += contact.value('Addresses/Address/Zip')?.length ?? 0;
      sink += contact.value('Employment/MonthlyIncome/@currency')?.length ?? 0;
      sink += contact.field('Employment/Missing').path.length;
    }
  })
  .on('cycle', (event: Benchmark.Event) => {
    const bench = event.target;
    const micros = (bench.stats?.mean ?? 0) * 1e6;
    const rme = bench.stats?.rme ?? 0;
    console.log(`${String(bench.name)}: ${micros.toFixed(1)} µs/doc ±${rme.toFixed(1)}% (${bench.stats?.sample.length ?? 0} samples)`);
  })
  .on('complete', () => {
    if (sink === 0) console.log('(unreachable: keeps the results alive)');
  })
  .run();
