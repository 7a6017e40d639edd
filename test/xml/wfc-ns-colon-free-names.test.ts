import { describe, expect, it } from 'vitest';
import { notWellFormed, positionOf } from '../helpers/not-well-formed.js';

// Namespaces in XML 1.0 §7: "No entity names, processing instruction targets, or notation names contain any colons."
describe('Namespace constraint: no colon in PI targets, entity names, notation names', () => {
  it('a processing instruction target with a colon, in the document and in the DOCTYPE', () => {
    const err = notWellFormed('<a>\n<?x:y data?></a>');
    expect(err.message).toMatch(/processing instruction target x:y contains a colon/);
    expect(positionOf(err)).toBe('2:12');
    expect(notWellFormed('<?x:y?><a/>').message).toMatch(/contains a colon/);
    expect(notWellFormed('<!DOCTYPE a [<?x:y?>]><a/>').message).toMatch(/may not contain a colon/);
    // After the XML declaration, after a byte order mark, and after question marks that start no PI.
    expect(notWellFormed('<?xml version="1.0"?><a>why? <?x:y?></a>').message).toMatch(/contains a colon/);
    expect(notWellFormed('\uFEFF<?xml version="1.0"?><a href="q?a=1">?<?x:y?></a>').message).toMatch(/contains a colon/);
  });

  it('an entity or notation name with a colon', () => {
    expect(notWellFormed('<!DOCTYPE a [<!ENTITY % p:q "x">]><a/>').message).toMatch(/the name of a parameter entity may not contain a colon/);
    expect(notWellFormed('<!DOCTYPE a [<!NOTATION n:m SYSTEM "x">]><a/>').message).toMatch(/the name of a notation may not contain a colon/);
  });
});
