import { useActions, useAppState, useT } from './hooks';

/** Opens the proposal form (`suggest=ID` to correct an actor, `suggest=new` to add a place). */
export function SuggestButton({ id }: { id: string | null }) {
  const t = useT();
  const { setSuggest } = useActions();
  // An embed shows a host's selection: proposals are made on the full map.
  if (useAppState((s) => s.embed)) return null;
  return (
    <button type="button" class="button button-quiet suggest-open" onClick={() => setSuggest(id ?? 'new')}>
      {t(id ? 'suggest.correct' : 'suggest.add')}
    </button>
  );
}
