import { useActions, useAppState, useT } from './hooks';

/** The free-text search, first thing on every screen. */
export function SearchBox() {
  const t = useT();
  const q = useAppState((s) => s.filters.q);
  const { setQuery } = useActions();
  return (
    <form class="search" role="search" onSubmit={(e) => e.preventDefault()}>
      <label for="search-q">{t('search.label')}</label>
      <input
        id="search-q"
        type="search"
        value={q}
        placeholder={t('search.placeholder')}
        autocomplete="off"
        maxLength={200}
        onInput={(e) => setQuery((e.target as HTMLInputElement).value)}
      />
    </form>
  );
}
