import { describe, expect, inject, test } from 'vitest';
import { dataset, expectedActors } from './dataset';
import { pagesOfOneBrowser, screenshot, seriousA11yViolations, waitForMapIdle } from './browser';
import type { ActorFeature } from '../../src/core/types';

const baseUrl = inject('baseUrl');
const openPage = pagesOfOneBrowser();
/** The layout and the measures run in a worker: seconds on a busy machine. */
const POLL = { timeout: 60_000 };

/**
 * The graph a researcher expects from the data file, written out here rather than taken from the
 * app's code: the filtered actors; the networks they belong to and, up the `memberOf` chains,
 * the wider ones; one link per membership, per partner pair (both shown), per network membership.
 */
function expectedGraph(actors: readonly ActorFeature[]): { nodes: Set<string>; edges: Set<string> } {
  const networks = new Map(dataset.networks.map((n) => [n.id, n]));
  const shown = new Set(actors.map((a) => a.properties.id));
  const nodes = new Set(shown);
  const edges = new Set<string>();
  const reached = new Set<string>();
  const climb = (id: string) => {
    if (reached.has(id) || !networks.has(id)) return;
    reached.add(id);
    nodes.add(id);
    for (const wider of networks.get(id)!.memberOf ?? []) {
      if (!networks.has(wider)) continue;
      edges.add(`network-membership:${id}>${wider}`);
      climb(wider);
    }
  };
  for (const actor of actors) {
    const id = actor.properties.id;
    for (const n of actor.properties.networks ?? []) {
      if (!networks.has(n)) continue;
      edges.add(`membership:${id}>${n}`);
      climb(n);
    }
    for (const p of actor.properties.partners ?? []) {
      if (shown.has(p) && p !== id) edges.add(`partnership:${[id, p].sort().join('~')}`);
    }
  }
  return { nodes, edges };
}

describe('the archipelago as a graph (view=graph)', () => {
  test('draws the filtered actors and their networks; a click on a node selects it and opens its detail', async () => {
    const actors = expectedActors({ territory: 'brest', themes: ['training', 'digital-inclusion'] });
    expect(actors.length).toBeGreaterThan(5);
    const expected = expectedGraph(actors);
    expect(expected.edges.size).toBeGreaterThan(0);

    const { page, errors } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}?territory=brest&theme=training,digital-inclusion&view=graph`);
    const canvas = page.locator('.graph-canvas[data-nodes]');
    await canvas.waitFor({ timeout: 90_000 });
    expect(Number(await canvas.getAttribute('data-nodes'))).toBe(expected.nodes.size);
    expect(Number(await canvas.getAttribute('data-edges'))).toBe(expected.edges.size);
    await expect
      .poll(() => page.locator('.graph-status').textContent(), POLL)
      .toBe(`${expected.nodes.size} nœuds et ${expected.edges.size} liens dessinés.`);
    // The table holds the same nodes (the first page shows them all at this size).
    const rows = await page
      .locator('.graph-table tbody tr')
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-id')));
    expect(new Set(rows)).toEqual(expected.nodes);

    // A click on an actor's node selects it: the URL, the detail panel, then the map.
    const actor = actors.find((a) => (a.properties.networks?.length ?? 0) > 0)!;
    const id = actor.properties.id;
    const point = await page.evaluate((node) => window.__archipelGraph!.point(node), id);
    expect(point).not.toBeNull();
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + point![0], box.y + point![1]);
    await expect.poll(() => new URL(page.url()).searchParams.get('selected'), POLL).toBe(id);
    await expect.poll(() => page.locator('.detail h2').textContent(), POLL).toBe(actor.properties.name);
    await expect
      .poll(() => page.locator(`.graph-table tr[data-id="${id}"]`).getAttribute('class'), POLL)
      .toBe('is-selected');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await screenshot(page, 'graph-view');

    expect(errors).toEqual([]);
  }, 180_000);

  test('a node selected in the graph is selected on the map, and one selected elsewhere is selected in the graph', async () => {
    const actors = expectedActors({ territory: 'brest', themes: ['training', 'digital-inclusion'] });
    const actor = actors.find((a) => (a.properties.networks?.length ?? 0) > 0)!;
    const id = actor.properties.id;
    const { page, errors } = await openPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl}?territory=brest&theme=training,digital-inclusion&view=graph`);
    const canvas = page.locator('.graph-canvas[data-nodes]');
    await canvas.waitFor({ timeout: 90_000 });
    const point = await page.evaluate((node) => window.__archipelGraph!.point(node), id);
    const box = (await canvas.boundingBox())!;
    await page.mouse.click(box.x + point![0], box.y + point![1]);
    await expect.poll(() => new URL(page.url()).searchParams.get('selected'), POLL).toBe(id);

    await page.getByRole('button', { name: 'Carte', exact: true }).click();
    await waitForMapIdle(page);
    expect(new URL(page.url()).searchParams.get('selected')).toBe(id);
    const onMap = await page.evaluate(() => {
      const map = window.__archipelMap!.map;
      return map.queryRenderedFeatures({ layers: ['archipel-actor-selected'] }).map((f) => f.properties.id);
    });
    expect(onMap).toContain(id);

    // And back: another actor opened from the list view shows selected in the graph.
    const other = actors.find((a) => a.properties.id !== id)!;
    await page.goto(`${baseUrl}?territory=brest&theme=training,digital-inclusion&view=list`);
    await page.locator('.results-full .actor-open', { hasText: other.properties.name }).first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('selected'), POLL).toBe(other.properties.id);
    await page.getByRole('button', { name: 'Graphe', exact: true }).click();
    await canvas.waitFor({ timeout: 90_000 });
    await expect
      .poll(
        () => page.locator(`.graph-table tr[data-id="${other.properties.id}"] button`).getAttribute('aria-current'),
        POLL,
      )
      .toBe('true');
    expect(errors).toEqual([]);
  }, 180_000);

  test('the table works by keyboard: sort by a measure, open a node with Enter', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${baseUrl}?territory=grenoble&view=graph`);
    await page.locator('.graph-canvas[data-nodes]').waitFor({ timeout: 90_000 });
    const header = page.getByRole('button', { name: 'Intermédiarité', exact: true });
    await header.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('th[aria-sort]').textContent(), POLL).toBe('Intermédiarité');
    expect(await page.locator('th[aria-sort]').getAttribute('aria-sort')).toBe('descending');
    const first = page.locator('.graph-table tbody tr').first();
    const id = (await first.getAttribute('data-id'))!;
    await first.locator('button').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => new URL(page.url()).searchParams.get('selected'), POLL).toBe(id);
    expect(errors).toEqual([]);
  }, 180_000);

  test('view=stats shows the network measures side by side, each with its definition', async () => {
    const { page, errors } = await openPage();
    await page.goto(`${baseUrl}?view=stats`);
    const table = page.locator('.graph-stats-table');
    await table.waitFor({ timeout: 90_000 });
    const heads = await table.locator('thead th').allTextContents();
    expect(heads).toEqual(dataset.territories.map((t) => t.name));
    const supra = table.locator('tbody tr').first();
    expect(await supra.locator('th').textContent()).toContain('Reliés à un réseau supra-territorial');
    expect(await supra.locator('.stats-def').textContent()).toMatch(/régional, national ou international/);
    expect(await supra.locator('td').count()).toBe(dataset.territories.length);
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  }, 180_000);
});
