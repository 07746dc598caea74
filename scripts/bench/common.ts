/**
 * The shell shared by the two baseline pages of the benchmark: the same steps as Archipel's
 * (a search field, one checkbox per category with the same ids, the live count "N acteurs sur M",
 * the first 100 matching names sorted like Archipel's list, a GeoJSON export button), with no
 * validation and no framework:
 * what a page built on the map library's own recipe does. The map itself is given by each page.
 *
 * Contract with `scripts/bench.ts`: the page sets `window.__bench` once its map exists;
 * `idle()` resolves when the map has drawn the data of the last `show`, `renderedCount()` sums the
 * actors the map shows (cluster counts plus single markers).
 */
import { CATEGORIES } from '../../src/core/vocab';
import { normaliseText, queryWords } from '../../src/core/filter';
import type { ActorFeature } from '../../src/core/types';
import type { Category } from '../../src/core/vocab';

export interface BenchHooks {
  idle(): Promise<void>;
  /** When the first view's actors are drawn, if the page draws more after them: `idle` when absent. */
  firstIdle?(): Promise<void>;
  renderedCount(): number;
  /** Frames the map has drawn so far, where the page can tell. */
  renders?(): number;
}

declare global {
  interface Window {
    __bench?: BenchHooks;
  }
}

/** What a page gives to the shell: its map, drawn from the features, then updated with subsets. */
export interface BaselineMap extends BenchHooks {
  /** Replaces the shown features by these (a subset of the loaded ones, in data order). */
  show(features: ActorFeature[]): void;
}

/** Same colours as Archipel's palette would be fairer to look at, but do not change the timings. */
export const CATEGORY_COLOURS: Record<Category, string> = {
  fablab: '#E69F00',
  library: '#56B4E9',
  'internet-access': '#009E73',
  'social-centre': '#F0E442',
  'third-place': '#0072B2',
  association: '#D55E00',
  hoster: '#CC79A7',
  'public-body': '#000000',
  academic: '#999999',
  company: '#882255',
};

const LIST_SIZE = 100;

/** [[west, south], [east, north]] of the features. */
export function boundsOf(features: readonly ActorFeature[]): [[number, number], [number, number]] {
  let [w, s, e, n] = [180, 90, -180, -90];
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    if (lon < w) w = lon;
    if (lon > e) e = lon;
    if (lat < s) s = lat;
    if (lat > n) n = lat;
  }
  return [
    [w, s],
    [e, n],
  ];
}

/**
 * Builds the page, loads `?data=`, and hands the features to `makeMap`.
 *
 * @param title - shown in the header
 * @param makeMap - creates the map in the container with every feature shown
 */
export async function startBaseline(
  title: string,
  makeMap: (container: HTMLElement, features: ActorFeature[]) => Promise<BaselineMap>,
): Promise<void> {
  document.body.innerHTML = `
    <header class="bench-header"><h1>${title}</h1></header>
    <div class="bench-layout">
      <aside class="bench-side">
        <form role="search"><label for="search-q">Rechercher</label> <input id="search-q" type="search" autocomplete="off"></form>
        <fieldset><legend>Catégorie</legend><ul class="options"></ul></fieldset>
        <p class="result-count" role="status" aria-live="polite"></p>
        <section aria-labelledby="export-title"><h2 id="export-title">Exporter les acteurs affichés</h2><button type="button" id="export-geojson">GeoJSON</button></section>
        <ul class="actor-list"></ul>
      </aside>
      <main class="bench-map"></main>
    </div>`;
  const options = document.querySelector<HTMLUListElement>('.options')!;
  for (const category of CATEGORIES) {
    const li = document.createElement('li');
    li.innerHTML = `<input id="f-category-${category}" type="checkbox" value="${category}"> <label for="f-category-${category}">${category}</label>`;
    options.append(li);
  }

  const dataUrl = new URLSearchParams(location.search).get('data');
  if (!dataUrl) throw new Error('no ?data=');
  const response = await fetch(dataUrl);
  const collection = (await response.json()) as { features: ActorFeature[] };
  const features = collection.features;
  // What the search looks into, computed once, as Archipel does.
  const haystacks = features.map((f) =>
    normaliseText(`${f.properties.name} \u0000 ${f.properties.commune} \u0000 ${f.properties.description ?? ''}`),
  );

  const map = await makeMap(document.querySelector<HTMLElement>('.bench-map')!, features);
  window.__bench = {
    idle: () => map.idle(),
    renderedCount: () => map.renderedCount(),
    ...(map.renders ? { renders: () => map.renders!() } : {}),
  };

  const selected = new Set<string>();
  let q = '';
  const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
  const count = document.querySelector<HTMLElement>('.result-count')!;
  const list = document.querySelector<HTMLUListElement>('.actor-list')!;
  let shown = features;
  const update = () => {
    const words = queryWords(q);
    shown = features.filter(
      (f, i) =>
        (selected.size === 0 || selected.has(f.properties.category)) && words.every((w) => haystacks[i]!.includes(w)),
    );
    map.show(shown);
    count.textContent =
      shown.length === features.length ? `${shown.length} acteurs` : `${shown.length} acteurs sur ${features.length}`;
    const first = [...shown].sort((a, b) => collator.compare(a.properties.name, b.properties.name)).slice(0, LIST_SIZE);
    list.replaceChildren(
      ...first.map((f) => {
        const li = document.createElement('li');
        li.textContent = `${f.properties.name} · ${f.properties.commune}`;
        return li;
      }),
    );
  };
  options.addEventListener('change', (event) => {
    const box = event.target as HTMLInputElement;
    if (box.checked) selected.add(box.value);
    else selected.delete(box.value);
    update();
  });
  document.querySelector<HTMLInputElement>('#search-q')!.addEventListener('input', (event) => {
    q = (event.target as HTMLInputElement).value;
    update();
  });
  // Export as uMap does it: the shown features, stringified in the page, saved through a link.
  document.getElementById('export-geojson')!.addEventListener('click', () => {
    const text = JSON.stringify({ type: 'FeatureCollection', features: shown });
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/geo+json' }));
    link.download = 'acteurs.geojson';
    document.body.append(link);
    link.click();
    link.remove();
  });
  count.textContent = `${features.length} acteurs`;
  const first = [...features]
    .sort((a, b) => collator.compare(a.properties.name, b.properties.name))
    .slice(0, LIST_SIZE);
  list.replaceChildren(
    ...first.map((f) => {
      const li = document.createElement('li');
      li.textContent = `${f.properties.name} · ${f.properties.commune}`;
      return li;
    }),
  );
}
