import { describe, expect, test } from 'vitest';
import { createClusterView } from '../../src/map/cluster-view';
import type { ClusterClient } from '../../src/map/cluster-view';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { ActorFeature } from '../../src/core/types';

/** A promise with its resolve, to decide in the test when an answer comes. */
function later<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A map whose actors' source takes its data when the test says (MapLibre's worker), and a cluster
 * worker that answers when the test says.
 */
function setup() {
  const answers: ReturnType<typeof later<unknown[] | null>>[] = [];
  const dataTaken: ReturnType<typeof later<void>>[] = [];
  let idleListeners: (() => void)[] = [];
  const map = {
    getSource: () => ({
      setData: () => {
        const taken = later<void>();
        dataTaken.push(taken);
        return taken.promise;
      },
    }),
    getZoom: () => 6,
    getBounds: () => ({ getWest: () => -5, getSouth: () => 42, getEast: () => 8, getNorth: () => 51 }),
    once: (_type: 'idle', listener: () => void) => idleListeners.push(listener),
    on: () => {},
    isMoving: () => false,
    triggerRepaint: () => {},
  } as unknown as MaplibreMap;
  const client = {
    setActors: () => {},
    setFiltered: () => {},
    view: () => {
      const answer = later<unknown[] | null>();
      answers.push(answer);
      return answer.promise;
    },
  } as unknown as ClusterClient;
  // What bind-store does with the links of a filter: computed in the next task and set with the
  // clusters' answer when one is still to come, at once otherwise.
  let linksSet = 0;
  let linksPending = false;
  const view = createClusterView(map, client, () => {
    if (linksPending) linksSet++;
    linksPending = false;
  });
  const pushLinks = () => {
    if (view.waiting()) linksPending = true;
    else linksSet++;
  };
  /** The map goes idle: it has drawn what its sources hold. */
  const idle = () => {
    const listeners = idleListeners;
    idleListeners = [];
    for (const listener of listeners) listener();
  };
  return {
    view,
    answers,
    dataTaken,
    idle,
    pushLinks,
    linksSet: () => linksSet,
    linksPending: () => linksPending,
  };
}

const actors = (n: number) => Array.from({ length: n }, () => ({}) as ActorFeature);

describe("the clusters' view says whether its answer is still to come", () => {
  test('links computed before the answer are set with it', async () => {
    const t = setup();
    const all = actors(3);
    t.view.show(all, all.slice(0, 2));
    expect(t.view.waiting()).toBe(true);
    t.pushLinks();
    expect(t.linksSet()).toBe(0);
    t.answers[0]!.resolve([]);
    await tick();
    expect(t.linksSet()).toBe(1);
  });

  test('links computed once the answer came, while MapLibre still takes its data, are set at once', async () => {
    const t = setup();
    const all = actors(3);
    t.view.show(all, all.slice(0, 2));
    t.answers[0]!.resolve([]);
    await tick();
    // The answer has come and been handed to the source, which has not yet taken it.
    expect(t.dataTaken).toHaveLength(1);
    expect(t.view.waiting()).toBe(false);
    t.pushLinks();
    expect(t.linksSet()).toBe(1);
    expect(t.linksPending()).toBe(false);
    t.dataTaken[0]!.resolve();
    await tick();
    expect(t.view.settled()).toBe(false); // settled at the next idle of the map, not before
  });

  test('two requests: the links wait for the later answer, and are set by it even if the worker fails', async () => {
    const t = setup();
    const all = actors(4);
    t.view.show(all, all.slice(0, 3));
    t.view.show(all, all.slice(0, 1));
    t.pushLinks();
    t.answers[0]!.resolve([]);
    await tick();
    // The first answer set what waited; the later one will set what is computed meanwhile.
    expect(t.linksSet()).toBe(1);
    expect(t.view.waiting()).toBe(true);
    t.pushLinks();
    t.answers[1]!.resolve(null);
    await tick();
    expect(t.linksSet()).toBe(2);
    expect(t.view.waiting()).toBe(false);
  });

  test('what waits for the clusters to be drawn runs once they are on screen, not before', async () => {
    const t = setup();
    const all = actors(3);
    const ran: string[] = [];
    t.view.show(all, all.slice(0, 2));
    t.view.afterDrawn(() => ran.push('islands'));
    t.answers[0]!.resolve([]);
    await tick();
    t.idle(); // an idle of the map before MapLibre's worker took the clusters: not drawn yet
    t.dataTaken[0]!.resolve();
    await tick();
    expect(ran).toEqual([]);
    t.idle();
    expect(ran).toEqual(['islands']);
    expect(t.view.settled()).toBe(true);
    // Once drawn, what asks runs in a task of its own.
    t.view.afterDrawn(() => ran.push('again'));
    expect(ran).toEqual(['islands']);
    await tick();
    expect(ran).toEqual(['islands', 'again']);
  });
});
