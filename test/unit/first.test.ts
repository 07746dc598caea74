import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { firstK } from '../../src/data/first';

describe('firstK', () => {
  test('gives the first k of a stable sort, for any list and any k', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.integer({ min: 0, max: 20 }), id: fc.nat() })),
        fc.integer({ min: -2, max: 60 }),
        (items, k) => {
          const compare = (a: { key: number }, b: { key: number }) => a.key - b.key;
          const expected = [...items].sort(compare).slice(0, Math.max(0, k));
          expect(firstK(items, k, compare)).toEqual(expected);
        },
      ),
    );
  });
  test('orders names as the collator does, accents and numbers included', () => {
    const names = ['Médiathèque 10', 'mediatheque 9', 'Éco-lieu', 'Atelier', 'école', 'Zèbre', 'Ecole'];
    const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
    expect(firstK(names, 4, collator.compare)).toEqual(['Atelier', 'Éco-lieu', 'école', 'Ecole']);
    expect(firstK(names, 100, collator.compare)).toEqual([...names].sort(collator.compare));
  });
});
