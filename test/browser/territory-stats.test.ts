import { describe, expect, inject, test } from 'vitest';
import { expectedActors } from './dataset';
import { openApp, pagesOfOneBrowser, seriousA11yViolations } from './browser';
import { CATEGORIES } from '../../src/core/vocab';
import { fr } from '../../src/i18n/fr';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();
const number = new Intl.NumberFormat('fr-FR');
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 0 });

describe('statistics of any territories side by side', { timeout: 150_000 }, () => {
  test('view=stats&territory=brest,dep:38: one column each, counts and shares those of the data', async () => {
    const { page, errors } = await openPage();
    await openApp(page, baseUrl, '?view=stats&territory=brest,dep:38');
    const table = page.getByRole('table', { name: 'Statistiques par territoire' });
    await table.waitFor({ timeout: 30_000 });
    // One column per territory, named: the alias's own name, the département's from the map.
    expect(await table.locator('thead th').allTextContents()).toEqual(['Brest', 'Isère']);
    const columns = [expectedActors({ territory: 'brest' }), expectedActors({ territory: 'dep:38' })];
    for (const actors of columns) expect(actors.length).toBeGreaterThan(0);
    const cells = async (label: string) =>
      table
        .locator('tbody tr')
        .filter({ has: page.locator('th', { hasText: new RegExp(`^${label}$`) }) })
        .locator('td')
        .allTextContents();
    expect(await cells(fr['stats.actors'])).toEqual(columns.map((a) => number.format(a.length)));
    // Each category: its count and its share of the column's actors.
    for (const category of CATEGORIES) {
      const expected = columns.map((actors) => {
        const n = actors.filter((a) => a.properties.category === category).length;
        return `${number.format(n)} (${percent.format(n / actors.length)})`;
      });
      expect(await cells(fr[`category.${category}`])).toEqual(expected);
    }
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
