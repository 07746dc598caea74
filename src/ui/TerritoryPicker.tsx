import { useEffect, useRef, useState } from 'preact/hooks';
import { canonicalTerritoryId, parseTerritoryId, territoryIds } from '../core/territory-id';
import type { Place } from '../data/places';
import { placeWords } from '../data/place-search';
import { selectTerritoriesById, selectTerritories } from '../state/selectors';
import { useActions, useAppState, useT } from './hooks';
import { getPlaceSearch } from './place-search-client';
import type { Translator } from '../i18n';
import type { MessageKey } from '../i18n';
import type { Territory } from '../core/types';

/** How many territories the picker suggests at most. */
const SHOWN = 8;

/** A territory the picker can offer: its id for `territory=` and what the person reads. */
interface Choice {
  id: string;
  label: string;
}

/** Names of administrative territories learnt from the search, for the chips of ids the data does not name. */
const learntNames = new Map<string, string>();

/**
 * The territory picker: a search (APG combobox, the place search's data) over communes, EPCIs,
 * départements and régions, offline, and the data's own territories (`brest`, `grenoble`, a
 * file's own). Each territory chosen is a chip that removes it; together they are the comma
 * list of `territory=`.
 */
export function TerritoryPicker() {
  const t = useT();
  const value = useAppState((s) => s.filters.territory);
  const own = useAppState(selectTerritories);
  const byId = useAppState(selectTerritoriesById);
  const { setFilters } = useActions();
  const ids = territoryIds(value);
  const [query, setQuery] = useState('');
  const [choices, setChoices] = useState<Choice[]>([]);
  const [active, setActive] = useState(-1);
  const [message, setMessage] = useState<string | null>(null);
  const [, setNamesLearnt] = useState(0);
  const input = useRef<HTMLInputElement>(null);

  const nameOf = (id: string): string =>
    byId.get(id)?.name ?? learntNames.get(id) ?? byId.get(canonicalTerritoryId(id))?.name ?? id;

  // Ids of the URL the data does not name (a département without actors): their names from the map.
  const unnamed = ids.filter((id) => !byId.has(id) && !byId.has(canonicalTerritoryId(id)) && !learntNames.has(id));
  const unnamedKey = unnamed.join(',');
  useEffect(() => {
    if (!unnamedKey) return;
    let live = true;
    void learnNames(unnamedKey.split(',')).then(() => live && setNamesLearnt((n) => n + 1));
    return () => {
      live = false;
    };
  }, [unnamedKey]);

  const search = async (text: string) => {
    setQuery(text);
    setActive(-1);
    if (text.trim().length < 2) return setChoices([]);
    const words = placeWords(text);
    const ownFound = own
      .filter((territory) => matches(territory, words))
      .map((territory) => ({ id: territory.id, label: ownLabel(territory, t) }));
    let found: Place[] = [];
    try {
      found = (await getPlaceSearch()).search(text, SHOWN * 2, null);
    } catch {
      setMessage(t('near.placesFailed'));
    }
    if (input.current?.value !== text) return;
    const seen = new Set([...ids.map(canonicalTerritoryId), ...ownFound.map((c) => canonicalTerritoryId(c.id))]);
    const list = ownFound.filter((c) => !ids.includes(c.id));
    for (const place of found) {
      const choice = choiceOf(place, t);
      if (!choice || seen.has(choice.id)) continue;
      seen.add(choice.id);
      learntNames.set(choice.id, place.name);
      list.push(choice);
    }
    setChoices(list.slice(0, SHOWN));
    setMessage(list.length === 0 ? t('picker.noneFound') : null);
  };

  const setIds = (next: string[]) => setFilters({ territory: next.length ? next.join(',') : null });
  const choose = (choice: Choice) => {
    if (!ids.includes(choice.id)) setIds([...ids, choice.id]);
    setQuery('');
    setChoices([]);
    setActive(-1);
    setMessage(t('picker.added', { name: choice.label }));
  };
  const remove = (id: string) => {
    setIds(ids.filter((x) => x !== id));
    setMessage(t('picker.removed', { name: nameOf(id) }));
    input.current?.focus();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && choices.length) {
      event.preventDefault();
      setActive((active + 1) % choices.length);
    } else if (event.key === 'ArrowUp' && choices.length) {
      event.preventDefault();
      setActive((active - 1 + choices.length) % choices.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const picked = choices[Math.max(active, 0)];
      if (picked) choose(picked);
    } else if (event.key === 'Escape') {
      setChoices([]);
      setActive(-1);
    } else if (event.key === 'Backspace' && query === '' && ids.length > 0) {
      // The last chip goes, as in other chip fields; each chip's own button removes it too.
      remove(ids[ids.length - 1]!);
    }
  };
  const open = choices.length > 0;

  return (
    <div class="field territory-picker">
      <div class="combobox">
        <label for="territory" id="territory-label">
          {t('filters.territory')}
        </label>
        {ids.length > 0 ? (
          <ul class="territory-chips" aria-label={t('picker.chosen')}>
            {ids.map((id) => (
              <li class="chip territory-chip" key={id}>
                <span>{nameOf(id)}</span>
                <button
                  type="button"
                  class="chip-remove"
                  aria-label={t('picker.remove', { name: nameOf(id) })}
                  onClick={() => remove(id)}
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p class="territory-none">{t('filters.allTerritories')}</p>
        )}
        <input
          id="territory"
          ref={input}
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls="territory-suggestions"
          aria-activedescendant={active >= 0 ? `territory-option-${active}` : undefined}
          placeholder={t('picker.placeholder')}
          value={query}
          maxLength={200}
          onFocus={() => void getPlaceSearch().catch(() => setMessage(t('near.placesFailed')))}
          onInput={(e) => void search((e.target as HTMLInputElement).value)}
          onKeyDown={onKeyDown}
          // Closed a moment after the focus leaves (a click on a suggestion lands first), unless it came back:
          // a late timer must not close the suggestions of what was typed since.
          onBlur={() => setTimeout(() => document.activeElement !== input.current && setChoices([]), 200)}
        />
        <ul
          id="territory-suggestions"
          role="listbox"
          class={open ? 'suggestions' : 'suggestions is-empty'}
          aria-label={t('picker.suggestions')}
        >
          {choices.map((choice, i) => (
            <li
              id={`territory-option-${i}`}
              key={choice.id}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'suggestion is-active' : 'suggestion'}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(choice);
              }}
            >
              {choice.label}
            </li>
          ))}
        </ul>
      </div>
      <p class="picker-status" role="status">
        {message ?? ''}
        {open ? ` ${t.plural('picker.found', choices.length)}` : ''}
      </p>
    </div>
  );
}

/** Every word typed begins a word of the territory's name or its id. */
function matches(territory: Territory, words: string[]): boolean {
  const own = [...placeWords(territory.name), ...placeWords(territory.id)];
  return words.length > 0 && words.every((w) => own.some((o) => o.startsWith(w)));
}

function levelWord(id: string, t: Translator): string | null {
  const ref = parseTerritoryId(canonicalTerritoryId(id));
  return ref && ref.level !== 'custom' ? t(`territories.level.${ref.level}` as MessageKey) : null;
}

/** A territory of the data: `Brest (intercommunalité)` for an alias, else `Quimper (territoire des données)`. */
function ownLabel(territory: Territory, t: Translator): string {
  return `${territory.name} (${levelWord(territory.id, t) ?? t('picker.own')})`;
}

/** A commune or a territory of the place search as a choice; neighbourhoods and localities are not territories. */
function choiceOf(place: Place, t: Translator): Choice | null {
  if (place.territory) return { id: place.territory, label: `${place.name} (${levelWord(place.territory, t)})` };
  if (place.kind !== 'commune' || !place.code) return null;
  const where = place.departement ? `, ${place.departement}` : '';
  return { id: `commune:${place.code}`, label: `${place.name} (${t('territories.level.commune')}${where})` };
}

/** Looks up the names of administrative ids in the map (its index, and a commune's département). */
async function learnNames(ids: string[]): Promise<void> {
  try {
    const [{ loadAdmin }, { browserAdminSource }] = await Promise.all([
      import('../data/admin'),
      import('../data/browser-load'),
    ]);
    const source = browserAdminSource(import.meta.env.BASE_URL);
    const index = await loadAdmin(source, []);
    const admin = await loadAdmin(
      source,
      ids.flatMap((id) => index.departementsOfTerritory(id)),
      index,
    );
    for (const id of ids) {
      const name = admin.territory(id)?.name;
      if (name) learntNames.set(id, name);
    }
  } catch {
    // The id stays as the chip's text.
  }
}
