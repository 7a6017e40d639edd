import type { AttributeList } from './attribute-list.js';
import type { AttributeDecl } from './dtd.js';

/**
 * Applies an element's attribute declarations to its attributes: a declared default is added
 * where the attribute is missing (XML 1.0 §3.3.2), and a value declared of a type other than
 * CDATA is trimmed and its runs of spaces collapsed (§3.3.3). Returns the names added.
 */
export function applyAttributeDecls(decls: readonly AttributeDecl[], attributes: AttributeList): string[] {
  const added: string[] = [];
  for (const decl of decls) {
    const value = attributes.get(decl.name);
    if (value === undefined) {
      if (decl.defaultValue === null) continue;
      attributes.add(decl.name, decl.defaultValue);
      added.push(decl.name);
    } else if (!decl.cdata) {
      attributes.replace(decl.name, value.replace(/ +/g, ' ').trim());
    }
  }
  return added;
}
