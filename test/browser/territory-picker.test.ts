import { describe, expect, inject, test } from 'vitest';
import { count, dataset } from './dataset';
import { pagesOfOneBrowser, screenshot, seriousA11yViolations, waitForMapIdle } from './browser';
import type { Page } from 'playwright-core';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();
const liveCount = (page: Page) => page.locator('.result-count').first().textContent();
const countText = (n: number) =>
  n === dataset.actors.length
    ? `${n} ${n === 1 ? 'acteur' : 'acteurs'}`
    : `${n} ${n === 1 ? 'acteur' : 'acteurs'} sur ${dataset.actors.length}`;
const territoryParam = (page: Page) => new URL(page.url()).searchParams.get('territory');

/** Types into the picker and waits for the suggestion, then picks it with the keyboard. */
async function pick(page: Page, typed: string, shown: string) {
  const field = page.locator('#territory');
  await field.focus();
  await page.keyboard.type(typed);
  const options = page.locator('#territory-suggestions [role="option"]');
  await expect.poll(() => options.allTextContents(), { timeout: 30_000 }).toContain(shown);
  const at = (await options.allTextContents()).indexOf(shown);
  for (let i = 0; i <= at; i++) await page.keyboard.press('ArrowDown');
  expect(await field.getAttribute('aria-activedescendant')).toBe(`territory-option-${at}`);
  await page.keyboard.press('Enter');
}

describe('the territory picker: a search over the administrative map', { timeout: 200_000 }, () => {
  for (const phone of [false, true]) {
    test(`${phone ? 'on a phone' : 'on a computer'}: Finistère, then Grenoble-Alpes, one chip removed by keyboard`, async () => {
      const { page, errors } = await openPage(
        phone ? { viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true } : {},
      );
      await page.goto(baseUrl);
      await waitForMapIdle(page);
      if (phone) {
        await page.locator('.sheet-toggle').click();
      }
      await page.locator('#territory').waitFor();
      expect(await page.locator('#territory').getAttribute('role')).toBe('combobox');

      await pick(page, 'Finist', 'Finistère (département)');
      await expect.poll(() => territoryParam(page)).toBe('dep:29');
      await expect.poll(() => liveCount(page)).toBe(countText(count({ territory: 'dep:29' })));
      expect(count({ territory: 'dep:29' })).toBeGreaterThan(0);
      expect(await page.locator('.territory-chip').allTextContents()).toEqual(['Finistère×']);

      await pick(page, 'Grenoble-Alpes', 'Grenoble-Alpes-Métropole (intercommunalité)');
      await expect.poll(() => territoryParam(page)).toBe('dep:29,epci:200040715');
      const both = count({ territory: 'dep:29,epci:200040715' });
      expect(both).toBe(count({ territory: 'dep:29' }) + count({ territory: 'epci:200040715' }));
      await expect.poll(() => liveCount(page)).toBe(countText(both));
      await screenshot(page, phone ? 'territory-picker-phone' : 'territory-picker');
      expect(await seriousA11yViolations(page)).toEqual([]);

      // Finistère's chip removed by keyboard: Tab back from the field to its button, Enter.
      const remove = page.getByRole('button', { name: 'Retirer Finistère' });
      await remove.focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => territoryParam(page)).toBe('epci:200040715');
      await expect.poll(() => liveCount(page)).toBe(countText(count({ territory: 'epci:200040715' })));
      // Focus goes back to the field; Backspace in the empty field removes the last chip.
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('territory');
      await page.keyboard.press('Backspace');
      await expect.poll(() => territoryParam(page)).toBeNull();
      await expect.poll(() => liveCount(page)).toBe(countText(dataset.actors.length));
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  }

  test('the data’s own territories and a commune are found; a URL’s list shows as chips with names', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${baseUrl}?territory=brest,dep:75`);
    await waitForMapIdle(page);
    await page.locator('#territory').waitFor();
    // dep:75 has no actors in the data: its name still comes from the administrative map.
    await expect.poll(() => page.locator('.territory-chip span').allTextContents()).toEqual(['Brest', 'Paris']);
    await expect.poll(() => liveCount(page)).toBe(countText(count({ territory: 'brest' })));
    await page.getByRole('button', { name: 'Retirer Paris' }).click();
    await expect.poll(() => territoryParam(page)).toBe('brest');
    await page.getByRole('button', { name: 'Retirer Brest' }).click();
    await expect.poll(() => territoryParam(page)).toBeNull();
    const options = page.locator('#territory-suggestions [role="option"]');
    await page.locator('#territory').focus();
    await page.keyboard.type('grenoble');
    // The shipped slug (an alias of the métropole), and the commune.
    await expect.poll(() => options.allTextContents(), { timeout: 30_000 }).toContain('Grenoble (intercommunalité)');
    expect(await options.allTextContents()).toContain('Grenoble (commune, 38)');
    // They stay: the field's blur by the chip's button, a moment before, does not close them late.
    await page.waitForTimeout(400);
    expect(await options.allTextContents()).toContain('Grenoble (commune, 38)');
    // A real mouse click where the option is drawn (a redraw of the list under load replaces its
    // elements, which a locator's click takes for a detached element).
    const box = await options.filter({ hasText: 'Grenoble (commune, 38)' }).boundingBox();
    expect(box).not.toBeNull();
    await page.mouse.click(box!.x + box!.width / 2, box!.y + box!.height / 2);
    await expect.poll(() => territoryParam(page)).toBe('commune:38185');
    await expect.poll(() => liveCount(page)).toBe(countText(count({ territory: 'commune:38185' })));
    expect(errors).toEqual([]);
  });
});
