import { useRef, useState } from 'preact/hooks';
import { formatDistance } from '../data/format';
import { useActions, useAppState, useT } from './hooks';
import type { Place } from '../data/places';
import { getPlaceSearch } from './place-search-client';
import { haversineKm } from '../geo/distance';
import { selectTerritoriesById } from '../state/selectors';
import type { AppState } from '../state/store';
import type { MessageKey } from '../i18n';

const RADII = [0.5, 1, 2, 5, 10, 20, 50] as const;
/** How long typing pauses before the online address search is asked. */
const ADDRESS_PAUSE_MS = 250;
/** km: Enter on a first suggestion farther than this from the view asks before choosing it. */
const FAR_KM = 100;

/** Where the person is looking: the map's centre once it shows a region or closer, else the territory's centre. */
function aroundOf(s: AppState): { lat: number; lon: number } | null {
  if (s.map && s.map.zoom >= 7) return { lat: s.map.lat, lon: s.map.lon };
  const territory = s.filters.territory ? selectTerritoriesById(s).get(s.filters.territory) : undefined;
  if (territory) return { lat: territory.center[1], lon: territory.center[0] };
  return s.map ? { lat: s.map.lat, lon: s.map.lon } : null;
}

/**
 * "Where am I": the browser's position, or a commune or postcode typed and
 * picked from suggestions (offline). The point goes into the URL (`near=`),
 * sorts the list by distance, and can bound it with a radius.
 */
export function NearBox() {
  const t = useT();
  const near = useAppState((s) => s.near);
  const nearLabel = useAppState((s) => s.nearLabel);
  const radius = useAppState((s) => s.radius);
  const addressSearchUrl = useAppState((s) => s.config?.addressSearchUrl ?? null);
  const { setNear, setRadius, setFilters } = useActions();
  const aroundLat = useAppState((s) => aroundOf(s)?.lat ?? null);
  const aroundLon = useAppState((s) => aroundOf(s)?.lon ?? null);
  const around = aroundLat !== null && aroundLon !== null ? { lat: aroundLat, lon: aroundLon } : null;
  /** The text the suggestions shown answer, and whether Enter already asked about a far first one. */
  const shownFor = useRef<{ text: string; asked: boolean }>({ text: '', asked: false });
  const [query, setQuery] = useState('');
  const [suggestions, setSuggestions] = useState<Place[]>([]);
  const [active, setActive] = useState(-1);
  const [message, setMessage] = useState<string | null>(null);
  const [locating, setLocating] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const locate = () => {
    if (!('geolocation' in navigator)) return setMessage(t('near.unavailable'));
    setLocating(true);
    setMessage(t('near.locating'));
    navigator.geolocation.getCurrentPosition(
      (position) => {
        setLocating(false);
        setMessage(null);
        setNear(
          { lat: round5(position.coords.latitude), lon: round5(position.coords.longitude) },
          t('near.myPosition'),
        );
      },
      (error) => {
        setLocating(false);
        setMessage(error.code === error.PERMISSION_DENIED ? t('near.denied') : t('near.unavailable'));
        input.current?.focus();
      },
      { enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 },
    );
  };

  // The online address search, when turned on: asked once typing pauses, the previous question withdrawn.
  const online = useRef<{ timer: number; abort: AbortController } | null>(null);
  const search = async (text: string) => {
    setQuery(text);
    setActive(-1);
    if (online.current) {
      window.clearTimeout(online.current.timer);
      online.current.abort.abort();
      online.current = null;
    }
    if (text.trim().length < 2) return setSuggestions([]);
    if (addressSearchUrl && text.trim().length >= 3) {
      const abort = new AbortController();
      const timer = window.setTimeout(async () => {
        try {
          const { createOnlineGeocoder } = await import('../data/places');
          const addresses = await createOnlineGeocoder(addressSearchUrl).search(text, 5, abort.signal);
          const found = (await getPlaceSearch()).search(text, 8, around);
          // Addresses after the communes.
          if (input.current?.value === text)
            show(text, [...found.slice(0, 5), ...addresses.filter((a) => a.kind === 'address' || a.kind === 'street')]);
        } catch {
          // Withdrawn, or the service failed: the communes found stay.
        }
      }, ADDRESS_PAUSE_MS);
      online.current = { timer, abort };
    }
    try {
      const found = (await getPlaceSearch()).search(text, 8, around);
      // Answers to an older keystroke are dropped.
      if (input.current?.value === text) show(text, found);
    } catch {
      setMessage(t('near.placesFailed'));
    }
  };
  const show = (text: string, found: Place[]) => {
    shownFor.current = { text, asked: false };
    setSuggestions(found);
  };
  /**
   * Enter with no suggestion picked: the first one shown for what is typed (searched now if the
   * list still answers an older keystroke); when it lies far from the view, ask first (a second
   * Enter chooses it), never a silent jump across France.
   */
  const enter = async () => {
    const text = input.current?.value ?? '';
    let list = suggestions;
    if (shownFor.current.text !== text || list.length === 0) {
      if (text.trim().length < 2) return;
      list = (await getPlaceSearch()).search(text, 8, around);
      if (input.current?.value !== text) return;
      show(text, list);
    }
    const first = list[0];
    if (!first) return setMessage(t('near.noneFound'));
    const km = around ? haversineKm([around.lon, around.lat], [first.lon, first.lat]) : 0;
    if (km > FAR_KM && !shownFor.current.asked) {
      shownFor.current.asked = true;
      setActive(0);
      return setMessage(t('near.farAsk', { place: placeLabel(first), distance: formatDistance(km, t.lang) }));
    }
    choose(first);
  };
  const choose = (place: Place) => {
    if (place.territory) {
      // A territory filters and frames: `territory=dep:38`.
      setFilters({ territory: place.territory });
      setQuery('');
      setSuggestions([]);
      setMessage(t('territories.chosen', { name: place.name }));
      return;
    }
    setNear({ lat: round5(place.lat), lon: round5(place.lon) }, placeLabel(place));
    setQuery('');
    setSuggestions([]);
    setMessage(place.approximate ? t('near.approximate') : null);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown' && suggestions.length) {
      event.preventDefault();
      setActive((active + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length) {
      event.preventDefault();
      setActive((active - 1 + suggestions.length) % suggestions.length);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // A suggestion picked with the arrows (or the far one Enter asked about) is chosen as it is.
      const picked = active >= 0 && shownFor.current.text === input.current?.value ? suggestions[active] : undefined;
      if (picked) choose(picked);
      else void enter();
    } else if (event.key === 'Escape') {
      setSuggestions([]);
      setActive(-1);
    }
  };
  const open = suggestions.length > 0;

  return (
    <section class="near" aria-labelledby="near-title">
      <h2 id="near-title" class="near-title">
        {t('near.title')}
      </h2>
      <div class="near-row">
        <button type="button" class="button" onClick={locate} disabled={locating}>
          {t('near.locate')}
        </button>
      </div>
      <div class="combobox">
        <label for="near-place">{t('near.placeLabel')}</label>
        <input
          id="near-place"
          ref={input}
          type="text"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls="near-suggestions"
          aria-activedescendant={active >= 0 ? `near-option-${active}` : undefined}
          placeholder={t('near.placeholder')}
          value={query}
          onFocus={() => void getPlaceSearch().catch(() => setMessage(t('near.placesFailed')))}
          onInput={(e) => void search((e.target as HTMLInputElement).value)}
          onKeyDown={onKeyDown}
          // Closed a moment after the focus leaves (a click on a suggestion lands first), unless it came back:
          // a late timer must not close the suggestions of what was typed since.
          onBlur={() => setTimeout(() => document.activeElement !== input.current && setSuggestions([]), 200)}
        />
        <ul
          id="near-suggestions"
          role="listbox"
          class={open ? 'suggestions' : 'suggestions is-empty'}
          aria-label={t('near.suggestions')}
        >
          {suggestions.map((place, i) => (
            <li
              id={`near-option-${i}`}
              key={place.id}
              role="option"
              aria-selected={i === active}
              class={i === active ? 'suggestion is-active' : 'suggestion'}
              onMouseDown={(e) => {
                e.preventDefault();
                choose(place);
              }}
            >
              {place.territory
                ? `${place.name} (${t(`territories.level.${place.territory.slice(0, place.territory.indexOf(':'))}` as MessageKey)})`
                : placeLabel(place)}
            </li>
          ))}
        </ul>
      </div>
      <p class="near-status" role="status">
        {message ?? ''}
        {open ? ` ${t.plural('near.found', suggestions.length)}` : ''}
      </p>
      {near && (
        <div class="near-chosen">
          <p>
            {t('near.chosen', {
              place:
                nearLabel ??
                `${t.number(near.lat, { maximumFractionDigits: 4 })} ; ${t.number(near.lon, { maximumFractionDigits: 4 })}`,
            })}
          </p>
          <div class="field">
            <label for="near-radius">{t('near.radius')}</label>
            <select
              id="near-radius"
              value={radius === null ? '' : String(radius)}
              onChange={(e) =>
                setRadius((e.target as HTMLSelectElement).value ? Number((e.target as HTMLSelectElement).value) : null)
              }
            >
              <option value="">{t('near.anyDistance')}</option>
              {radiusChoices(radius).map((km) => (
                <option value={String(km)} key={km}>
                  {t('near.within', { distance: formatDistance(km, t.lang) })}
                </option>
              ))}
            </select>
          </div>
          <button type="button" class="button button-quiet" onClick={() => setNear(null)}>
            {t('near.clear')}
          </button>
        </div>
      )}
    </section>
  );
}

/** The usual distances, and the one a link asked for when it is not among them (radius=4 shows "4 km"). */
function radiusChoices(current: number | null): number[] {
  const choices: number[] = [...RADII];
  if (current !== null && !choices.includes(current)) choices.push(current);
  return choices.sort((a, b) => a - b);
}

function placeLabel(place: Place): string {
  const where =
    place.kind === 'commune' || place.kind === 'arrondissement'
      ? (place.postcodes[0] ?? place.departement)
      : (place.commune ?? place.departement);
  return where ? `${place.name} (${where})` : place.name;
}

function round5(value: number): number {
  return Math.round(value * 1e5) / 1e5;
}
