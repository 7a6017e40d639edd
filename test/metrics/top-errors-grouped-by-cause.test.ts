import { describe, expect, it } from 'vitest';
import { ErrorTally } from '../../src/metrics/error-tally.js';

const bad = (path: string, value: string) => `contact.email: cannot convert "${value}" at ${path} to text of at most 10 characters`;

describe('top errors', () => {
  it('count one cause once, whichever sibling and value it came from', () => {
    const tally = new ErrorTally();
    tally.add(1, bad('/Application/Contacts/Contact/Email', 'a@very-long.example'));
    tally.add(2, bad('/Application/Contacts/Contact[1]/Email', 'b@very-long.example'));
    tally.add(2, bad('/Application/Contacts/Contact[2]/Email', 'c@very-long.example'));
    tally.add(3, bad('/Application/Contacts/Contact[12]/Email', 'd@very-long.example'));
    tally.add(4, 'contact.phone: cannot convert "x" at /Application/Contacts/Contact/Phone to an integer');
    expect(tally.top().map((e) => [e.count, e.exampleKey])).toEqual([
      [4, 1],
      [1, 4],
    ]);
  });
});
