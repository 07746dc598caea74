import { describe, expect, inject, test } from 'vitest';
import { dataset } from './dataset';
import { pagesOfOneBrowser, screenshot, waitForMapIdle } from './browser';
import { networkPositions } from '../../src/geo/links';
import type { Page } from 'playwright-core';

const baseUrl = inject('baseUrl');
const positions = networkPositions(dataset.networks, dataset.actors);
const networksById = new Map(dataset.networks.map((n) => [n.id, n]));

const openPage = pagesOfOneBrowser();

const LINK_LAYERS = ['archipel-links', 'archipel-partnerships'];
const renderedLinks = (page: Page) =>
  page.evaluate((layers) => window.__archipelMap!.map.queryRenderedFeatures({ layers }).length, LINK_LAYERS);

/** The ids of the link features the map marks as emphasised. */
const emphasisedLinks = (page: Page) =>
  page.evaluate(() => {
    const map = window.__archipelMap!.map;
    const ids = new Set<string>();
    for (const f of map.querySourceFeatures('archipel-links')) {
      const id = String(f.id);
      if (map.getFeatureState({ source: 'archipel-links', id }).emphasis) ids.add(id);
    }
    return [...ids].sort();
  });

describe('the archipelago', () => {
  test('links render, links=0 hides them, and selecting an actor lights exactly its links', async () => {
    // The actor with the most links that all reach a placed network.
    const actor = [...dataset.actors]
      .filter((a) => (a.properties.networks ?? []).some((id) => positions.has(id)))
      .sort(
        (a, b) =>
          (b.properties.networks?.length ?? 0) +
          (b.properties.partners?.length ?? 0) -
          ((a.properties.networks?.length ?? 0) + (a.properties.partners?.length ?? 0)),
      )[0]!;
    const [lon, lat] = actor.geometry.coordinates;
    const { page, errors } = await openPage();
    await page.goto(`${baseUrl}?map=12/${lat}/${lon}`);
    await waitForMapIdle(page);
    expect(await renderedLinks(page)).toBeGreaterThan(0);

    await page.goto(`${baseUrl}?map=12/${lat}/${lon}&links=0`);
    await waitForMapIdle(page);
    expect(await renderedLinks(page)).toBe(0);

    await page.goto(`${baseUrl}?map=12/${lat}/${lon}&selected=${actor.properties.id}`);
    await waitForMapIdle(page);
    // Expected from the data: its memberships, its partnerships, and the links up from the networks it reaches.
    const id = actor.properties.id;
    const expected = new Set<string>();
    const reached = new Set<string>();
    const climb = (n: string) => {
      if (reached.has(n) || !positions.has(n)) return;
      reached.add(n);
      for (const parent of networksById.get(n)?.memberOf ?? []) {
        if (positions.has(parent)) expected.add(`network-membership:${n}>${parent}`);
        climb(parent);
      }
    };
    for (const n of actor.properties.networks ?? []) {
      if (positions.has(n)) expected.add(`membership:${id}>${n}`);
      climb(n);
    }
    // Partners in the same building make a line of no length: nothing is drawn, nothing can light up.
    const apart = (otherId: string) =>
      dataset.actors.find((a) => a.properties.id === otherId)!.geometry.coordinates.join() !==
      actor.geometry.coordinates.join();
    for (const partner of actor.properties.partners ?? [])
      if (apart(partner)) expected.add(`partnership:${[id, partner].sort().join('~')}`);
    for (const other of dataset.actors)
      if (other.properties.partners?.includes(id) && apart(other.properties.id))
        expected.add(`partnership:${[id, other.properties.id].sort().join('~')}`);
    expect(expected.size).toBeGreaterThan(0);
    await expect.poll(() => emphasisedLinks(page)).toEqual([...expected].sort());
    expect(errors).toEqual([]);
  });

  test("a filter's links are those of the actors it shows, filter after filter", async () => {
    // Zoomed in (each actor's own links) on the actor with the most memberships.
    const actor = [...dataset.actors].sort(
      (a, b) => (b.properties.networks?.length ?? 0) - (a.properties.networks?.length ?? 0),
    )[0]!;
    const [lon, lat] = actor.geometry.coordinates;
    const { page, errors } = await openPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl}?map=12/${lat}/${lon}`);
    await waitForMapIdle(page);
    /** The actors named by the links the map holds (memberships and partnerships). */
    const linkedActors = () =>
      page.evaluate(() => {
        const ids = new Set<string>();
        for (const f of window.__archipelMap!.map.querySourceFeatures('archipel-links')) {
          const [kind, rest] = String(f.id).split(/:(.*)/);
          if (kind === 'membership') ids.add(rest!.split('>')[0]!);
          if (kind === 'partnership') for (const id of rest!.split('~')) ids.add(id);
        }
        return [...ids];
      });
    const ofCategories = (categories: string[]) =>
      new Set(dataset.actors.filter((a) => categories.includes(a.properties.category)).map((a) => a.properties.id));
    const before = await linkedActors();
    // Two filters one after the other: the second comes while the first's links may be on their way.
    const first = actor.properties.category;
    const second = dataset.actors.find((a) => a.properties.category !== first && a.properties.networks?.length)!
      .properties.category;
    for (const [category, shown] of [
      [first, [first]],
      [second, [first, second]],
    ] as const) {
      await page.locator(`#f-category-${category}`).check();
      await waitForMapIdle(page);
      const linked = await linkedActors();
      const allowed = ofCategories([...shown]);
      expect(linked.length).toBeGreaterThan(0);
      expect(linked.filter((id) => !allowed.has(id))).toEqual([]);
    }
    // The first filter hid links the whole data had.
    expect(before.some((id) => !ofCategories([first]).has(id))).toBe(true);
    expect(errors).toEqual([]);
  });

  test('a network is first-class: a marker, a panel with members by territory, a URL', async () => {
    const network = dataset.networks.find(
      (n) => n.seat !== undefined && dataset.actors.some((a) => a.properties.networks?.includes(n.id)),
    )!;
    const members = dataset.actors.filter((a) => a.properties.networks?.includes(network.id));
    const { page } = await openPage();
    // Zoomed in enough for networks that stand inside an island to show.
    await page.goto(`${baseUrl}?selected=${network.id}&map=11/${network.seat![1]}/${network.seat![0]}`);
    await waitForMapIdle(page);
    await expect.poll(() => page.locator('.detail h2').textContent()).toBe(network.name);
    expect(await page.locator('.detail h3').textContent()).toContain(String(members.length));
    const shownMembers = await page.locator('.detail section li').allTextContents();
    expect(shownMembers.sort()).toEqual(members.map((m) => m.properties.name).sort());
    const markers = await page.evaluate(
      (nid) =>
        window
          .__archipelMap!.map.queryRenderedFeatures({ layers: ['archipel-networks', 'archipel-local-networks'] })
          .filter((f) => f.properties.id === nid).length,
      network.id,
    );
    expect(markers).toBeGreaterThan(0);
  });

  test('the archipelago view with both cities and the national networks', async () => {
    const { page, errors } = await openPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${baseUrl}?map=5.5/46.9/0.4`);
    await waitForMapIdle(page);
    expect(await renderedLinks(page)).toBeGreaterThan(0);
    // One island per city: the hulls come from their worker, after the clusters.
    const islandTerritories = () =>
      page.evaluate(() =>
        [
          ...new Set(
            window
              .__archipelMap!.map.queryRenderedFeatures({ layers: ['archipel-island-fill'] })
              .map((f) => String(f.properties.territory)),
          ),
        ].sort(),
      );
    await expect.poll(islandTerritories).toEqual(['brest', 'grenoble']);
    // Every national network with a seat shows its marker at this zoom (those placed at their
    // members' centre stand on an island and show from zoom 10).
    const national = dataset.networks
      .filter((n) => n.scale === 'national' && n.seat)
      .map((n) => n.id)
      .sort();
    expect(national.length).toBeGreaterThan(0);
    const shown = await page.evaluate(() => [
      ...new Set(
        window
          .__archipelMap!.map.queryRenderedFeatures({ layers: ['archipel-networks'] })
          .map((f) => String(f.properties.id)),
      ),
    ]);
    expect(shown).toEqual(expect.arrayContaining(national));
    expect(errors).toEqual([]);
    await screenshot(page, 'archipelago-france');
  });
});
