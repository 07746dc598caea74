import { beforeEach, describe, expect, test, vi } from 'vitest';
import { frCore } from '../../src/i18n/fr-core';
import { enMore } from '../../src/i18n/en-more';
import { frMore } from '../../src/i18n/fr-more';

// The page's catalogues come in two parts (src/i18n/load.ts); each test starts from a fresh page.
let load: typeof import('../../src/i18n/load');
beforeEach(async () => {
  vi.resetModules();
  load = await import('../../src/i18n/load');
});

const aCoreKey = Object.keys(frCore)[0] as keyof typeof frCore;
const aRestKey = 'graph.title' as const;

describe('the catalogue of the page, in two parts', () => {
  test('the core first; a word of the rest shows as nothing, fetches the rest and redraws once', async () => {
    const redraws = vi.fn();
    load.onMoreMessages(redraws);
    const t = await load.loadTranslator('fr');
    expect(t(aCoreKey)).toBe(frCore[aCoreKey]);
    expect(aRestKey in frMore).toBe(true);
    expect(t(aRestKey)).toBe('');
    await vi.waitFor(() => expect(redraws).toHaveBeenCalledTimes(1));
    // The same translator, now with the rest: what is made once per language is not made again.
    expect(await load.loadTranslator('fr')).toBe(t);
    expect(t(aRestKey)).toBe(frMore[aRestKey]);
  });

  test('once a part asked for the rest, a language switched to comes whole', async () => {
    await load.loadTranslator('fr');
    await load.loadMoreMessages();
    const en = await load.loadTranslator('en');
    expect(en(aRestKey)).toBe(enMore[aRestKey]);
  });

  test('the rest asked for while the core of a new language is still coming is not lost', async () => {
    // English's core comes late, after its rest.
    vi.doMock('../../src/i18n/en-core', async (original) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      return original();
    });
    load = await import('../../src/i18n/load');
    await load.loadTranslator('fr');
    const switching = load.loadTranslator('en');
    await load.loadMoreMessages();
    const en = await switching;
    expect(en(aRestKey)).toBe(enMore[aRestKey]);
    expect(en(aCoreKey)).not.toBe('');
    vi.doUnmock('../../src/i18n/en-core');
  });
});
