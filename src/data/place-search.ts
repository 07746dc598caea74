/**
 * The offline commune search: every word of the query begins a word of a place's name or its
 * postcode, ranked by how well it matches, then by population (`places.ts` decodes the places).
 */
import { normaliseText } from '../core/filter';
import type { Place } from './places';

export interface PlaceSearch {
  /**
   * Places matching every word of the query, best first: each word begins a word of the name
   * (accents, case and punctuation ignored; "st"/"ste" also read "saint"/"sainte"), each number
   * of two digits or more begins a postcode. Ranked by how well the name matches (the whole
   * name, then its beginning, then its first words begun in order, then words anywhere), then by
   * how well the postcode does, then by population.
   *
   * @param query - what the user typed
   * @param limit - how many answers at most
   */
  search(query: string, limit?: number): Place[];
  readonly size: number;
}

export const PLACE_SEARCH_OPTIONS = {
  scanAbove: 1500, // candidates: a query with more than this many walks places by population instead
};

const ABBREVIATIONS: Record<string, string> = { st: 'saint', ste: 'sainte', sts: 'saints', stes: 'saintes' };
/** Words a name may begin with that a user may leave out: "ile saint denis" begins "L’Île-Saint-Denis". */
const ARTICLES = new Set(['l', 'la', 'le', 'les']);

/** Lower case, no accents, words of letters and digits: "Saint-Martin-d’Hères" → ["saint", "martin", "d", "heres"]. */
export function placeWords(text: string): string[] {
  let folded = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) folded += char;
    else if (code >= 65 && code <= 90) folded += String.fromCharCode(code + 32);
    else if (code < 128) folded += ' ';
    else folded += foldChar(char);
  }
  const words = folded.split(' ');
  return words.length === 1 && words[0] ? words : words.filter(Boolean);
}

const foldedChars = new Map<string, string>();

/** A character beyond ASCII as {@link normaliseText} folds it ("É" → "e", "œ" → "oe"), else a space. */
function foldChar(char: string): string {
  let folded = foldedChars.get(char);
  if (folded === undefined) {
    folded = normaliseText(char);
    if (!/^[a-z0-9]+$/.test(folded)) folded = ' ';
    foldedChars.set(char, folded);
  }
  return folded;
}

/**
 * An index over places, built once (tens of ms for 35,000 places). Each name word and each
 * postcode is a key of a sorted array, so the places with a key that begins with a prefix are
 * one slice found by binary search; the rarest word of the query gives the candidates, checked
 * against the others. When even the rarest is common (one or two letters typed), places are
 * walked from the most populated down, and the walk stops once nothing further can rank higher.
 */
export function createPlaceSearch(places: readonly Place[]): PlaceSearch {
  const nameWords = places.map((place) => placeWords(place.name));
  // A neighbourhood or locality also answers to its commune's name: "marseille joliette".
  const communeWords = places.map((place) => (place.commune ? placeWords(place.commune) : NO_WORDS));
  const words = postings(nameWords.map((w, id) => (communeWords[id]!.length ? [...w, ...communeWords[id]!] : w)));
  const codes = postings(places.map((place) => place.postcodes));
  const wholeNames = new Map<string, number[]>();
  for (const [id, w] of nameWords.entries()) pushTo(wholeNames, w.join(' '), id);
  const population = Float64Array.from(places, (place) => place.population);
  const byPopulation = Uint32Array.from(places.keys()).sort((a, b) => population[b]! - population[a]! || a - b);
  const seen = new Uint32Array(places.length);
  const candidate = new Uint32Array(places.length);
  let generation = 0;

  const isBetter = (score: number, id: number, than: Ranked): boolean => {
    if (score !== than.score) return score > than.score;
    const a = population[id]!;
    const b = population[than.id]!;
    return a !== b ? a > b : id < than.id;
  };

  const search = (query: string, limit = 10): Place[] => {
    const max = Math.floor(limit);
    const tokens = placeWords(query);
    if (!(max >= 1) || tokens.length === 0) return [];
    const nameTokens = tokens.filter((token) => !isPostcodeToken(token));
    const postcodeTokens = tokens.filter(isPostcodeToken);

    generation = generation === 0xffffffff ? 1 : generation + 1;
    if (generation === 1) {
      seen.fill(0);
      candidate.fill(0);
    }
    const best: Ranked[] = [];
    /** Scores a place not seen yet and keeps it if it ranks among the best. */
    const offer = (id: number) => {
      if (seen[id] === generation) return;
      seen[id] = generation;
      const score = scorePlace(nameWords[id]!, communeWords[id]!, places[id]!.postcodes, nameTokens, postcodeTokens);
      if (score < 0 || (best.length === max && !isBetter(score, id, best[max - 1]!))) return;
      let at = best.length === max ? max - 1 : best.length;
      while (at > 0 && isBetter(score, id, best[at - 1]!)) {
        best[at] = best[at - 1]!;
        at--;
      }
      best[at] = { id, score };
    };

    const drivers = [
      ...nameTokens.map((token) => slices(words, ABBREVIATIONS[token] ? [token, ABBREVIATIONS[token]] : [token])),
      ...postcodeTokens.map((token) => slices(codes, [token])),
    ];
    const driver = drivers.reduce((a, b) => (b.size < a.size ? b : a));
    if (driver.size <= PLACE_SEARCH_OPTIONS.scanAbove) {
      for (const [from, to] of driver.ranges) for (let k = from; k < to; k++) offer(driver.ids[k]!);
    } else {
      // Whole-name matches first: the walk below can then stop at the best score any other reaches.
      if (nameTokens.length > 0) {
        for (const key of new Set([nameTokens.join(' '), nameTokens.map((t) => ABBREVIATIONS[t] ?? t).join(' ')])) {
          for (const id of wholeNames.get(key) ?? []) offer(id);
        }
      }
      for (const [from, to] of driver.ranges) for (let k = from; k < to; k++) candidate[driver.ids[k]!] = generation;
      const ceiling = (nameTokens.length > 0 ? 30 : 0) + (postcodeTokens.length > 0 ? 3 : 0);
      for (const id of byPopulation) {
        if (candidate[id] !== generation) continue;
        offer(id);
        if (best.length === max && best[max - 1]!.score >= ceiling) break;
      }
    }
    return best.map(({ id }) => places[id]!);
  };

  return { search, size: places.length };
}

type Ranked = { id: number; score: number };

const NO_WORDS: readonly string[] = [];

function isPostcodeToken(token: string): boolean {
  return token.length >= 2 && /^\d+$/.test(token);
}

/**
 * How well a place answers the query, or -1 when it does not. Name, ×10: 4 the whole name,
 * 3 its beginning (the last word still being typed, or a leading article left out: "havre"),
 * 2 its first words begun in order, 1 words found anywhere (its commune's name included).
 * Postcode: 3 the place's only postcode, 2 one of its postcodes, 1 one begun.
 */
function scorePlace(
  words: readonly string[],
  communeWords: readonly string[],
  postcodes: readonly string[],
  nameTokens: readonly string[],
  postcodeTokens: readonly string[],
): number {
  let postcodeScore = 0;
  for (const token of postcodeTokens) {
    let found = 0;
    for (const postcode of postcodes) {
      if (postcode === token) found = postcodes.length === 1 ? 3 : 2;
      else if (found === 0 && postcode.startsWith(token)) found = 1;
    }
    if (found === 0) return -1;
    postcodeScore = Math.max(postcodeScore, found);
  }
  if (nameTokens.length === 0) return postcodeScore;

  for (const token of nameTokens) {
    if (!words.some((word) => begins(word, token)) && !communeWords.some((word) => begins(word, token))) return -1;
  }
  let nameScore = 1;
  for (const skip of ARTICLES.has(words[0]!) ? [0, 1] : [0]) {
    const rest = words.length - skip;
    if (nameTokens.length > rest || !nameTokens.every((token, i) => begins(words[skip + i]!, token))) continue;
    const last = nameTokens.length - 1;
    if (!nameTokens.every((token, i) => i === last || equals(words[skip + i]!, token)))
      nameScore = Math.max(nameScore, 2);
    else if (skip === 0 && nameTokens.length === rest && equals(words[last]!, nameTokens[last]!)) nameScore = 4;
    else nameScore = Math.max(nameScore, 3);
  }
  return nameScore * 10 + postcodeScore;
}

function begins(word: string, token: string): boolean {
  if (word.startsWith(token)) return true;
  const long = ABBREVIATIONS[token];
  return long !== undefined && word === long;
}

function equals(word: string, token: string): boolean {
  return word === token || word === ABBREVIATIONS[token];
}

/** Every (key, place) pair, sorted by key: the places whose key begins with a prefix form one slice. */
interface Postings {
  /** Sorted distinct keys. */
  keys: string[];
  /** `ids[starts[k]]` to `ids[starts[k + 1] - 1]`: the places having key `k`. */
  starts: Uint32Array;
  ids: Uint32Array;
}

function postings(keysOfPlace: readonly (readonly string[])[]): Postings {
  const byKey = new Map<string, number[]>();
  keysOfPlace.forEach((keys, id) => {
    for (const key of keys) {
      const list = byKey.get(key);
      if (!list) byKey.set(key, [id]);
      else if (list[list.length - 1] !== id) list.push(id);
    }
  });
  const keys = [...byKey.keys()].sort();
  const starts = new Uint32Array(keys.length + 1);
  let total = 0;
  keys.forEach((key, k) => {
    starts[k] = total;
    total += byKey.get(key)!.length;
  });
  starts[keys.length] = total;
  const ids = new Uint32Array(total);
  for (const [k, key] of keys.entries()) ids.set(byKey.get(key)!, starts[k]!);
  return { keys, starts, ids };
}

/** The slices of `ids` holding the places with a key that begins with one of the prefixes. */
function slices(
  index: Postings,
  prefixes: readonly string[],
): { ids: Uint32Array; ranges: [number, number][]; size: number } {
  const ranges = prefixes.map((prefix): [number, number] => {
    const from = lowerBound(index.keys, prefix);
    const to = lowerBound(index.keys, `${prefix}\uffff`);
    return [index.starts[from]!, index.starts[to]!];
  });
  return { ids: index.ids, ranges, size: ranges.reduce((sum, [from, to]) => sum + to - from, 0) };
}

function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
