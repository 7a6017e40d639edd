import { describe, expect, it } from 'vitest';
import { XmlField, parseXml } from '../../src/xml/index.js';

const root = parseXml(`<Application id="A-1">
  <Applicant><BirthDate>1984-02-30</BirthDate></Applicant>
  <Contacts>
    <Contact type="home"><Phone>1</Phone></Contact>
    <Contact type="work"><Phone>2</Phone><Phone>3</Phone></Contact>
    <Note>only one</Note>
  </Contacts>
</Application>`).root;

// Compared through toJSON(): an XmlField's path is a private field with a getter, which toEqual does not see.
describe('field() and pathString()', () => {
  it('pairs the value with the absolute path of the selected element', () => {
    const field = root.field('Applicant/BirthDate');
    expect(field).toBeInstanceOf(XmlField);
    expect(field.toJSON()).toEqual(new XmlField('1984-02-30', '/Application/Applicant/BirthDate').toJSON());
  });

  it('names attributes with /@', () => {
    expect(root.field('@id').toJSON()).toEqual(new XmlField('A-1', '/Application/@id').toJSON());
    expect(root.field('Contacts/Contact/@type').toJSON()).toEqual(new XmlField('home', '/Application/Contacts/Contact[1]/@type').toJSON());
  });

  it('indexes only elements whose siblings share their name', () => {
    const contacts = root.getAll('Contacts/Contact');
    expect(contacts.map((c) => c.pathString())).toEqual([
      '/Application/Contacts/Contact[1]',
      '/Application/Contacts/Contact[2]',
    ]);
    expect(root.get('Contacts/Note')?.pathString()).toBe('/Application/Contacts/Note');
    expect(contacts[1]?.field('Phone').path).toBe('/Application/Contacts/Contact[2]/Phone[1]');
    expect(contacts[0]?.field('Phone').path).toBe('/Application/Contacts/Contact[1]/Phone');
    expect(root.pathString()).toBe('/Application');
  });

  it('names the path that would have been selected when it is absent', () => {
    expect(root.field('Applicant/Income/Amount').toJSON()).toEqual(new XmlField(undefined, '/Application/Applicant/Income/Amount').toJSON());
    expect(root.field('Applicant/@missing').toJSON()).toEqual(new XmlField(undefined, '/Application/Applicant/@missing').toJSON());
    expect(root.field('Nope/@x').toJSON()).toEqual(new XmlField(undefined, '/Application/Nope/@x').toJSON());
    expect(root.field('/Other/Thing').toJSON()).toEqual(new XmlField(undefined, '/Other/Thing').toJSON());
  });

  it('writes names as the document does, prefixes included', () => {
    const doc = parseXml('<c:App xmlns:c="urn:c"><c:Item/><c:Item><c:Price>9</c:Price></c:Item></c:App>').root;
    expect(doc.getAll('Item')[1]?.field('Price')?.toJSON()).toEqual(new XmlField('9', '/c:App/c:Item[2]/c:Price').toJSON());
    expect(doc.field('Item/Price').toJSON()).toEqual(new XmlField(undefined, '/c:App/c:Item[1]/Price').toJSON());
  });

  it("field('.') is the element itself, relative to any element", () => {
    const phone = root.getAll('Contacts/Contact/Phone')[2];
    expect(phone?.field('.')?.toJSON()).toEqual(new XmlField('3', '/Application/Contacts/Contact[2]/Phone[2]').toJSON());
    expect(phone?.field('../@type')?.toJSON()).toEqual(new XmlField('work', '/Application/Contacts/Contact[2]/@type').toJSON());
  });
});
