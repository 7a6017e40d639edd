/** How many of each repeated element order `id` has: lines, discounts per line, tags. */
export function orderShape(id: number): { lines: number; discounts: number[]; tags: number } {
  const lines = id % 4; // 0..3, so some orders have none and some one: repeats only in some samples
  return { lines, discounts: Array.from({ length: lines }, (_, i) => (id + i) % 3), tags: id % 5 === 0 ? 2 : 0 };
}

/** An order document with namespaces on some, nested repeats and mixed value types. */
export function orderXml(id: number): string {
  const s = orderShape(id);
  const lines = s.discounts
    .map((d, i) => {
      const discounts = Array.from({ length: d }, (_, j) => `<Discount code="D${j}">${(j + 1) * 1.5}</Discount>`).join('');
      return `<Line sku="S-${id}-${i}"><Qty>${i + 1}</Qty><Price>${id}.${String(i).padStart(2, '0')}</Price>${discounts}</Line>`;
    })
    .join('');
  const tags = Array.from({ length: s.tags }, (_, i) => `<Tag>t${i}</Tag>`).join('');
  const open = id % 2 === 0 ? '<o:Order xmlns:o="urn:orders"' : '<Order';
  const close = id % 2 === 0 ? '</o:Order>' : '</Order>';
  const inner = `<Placed>2024-01-${String((id % 28) + 1).padStart(2, '0')}</Placed>${id % 3 === 0 ? '' : `<Note>n${id}</Note>`}<Lines>${lines}</Lines>${tags}`;
  return `${open} id="${id}">${id % 2 === 0 ? inner.replace(/<(\/?)(Placed|Note|Lines)/g, '<$1o:$2') : inner}${close}`;
}
