import { useEffect, useState } from 'preact/hooks';

/** Below this width the app is compact: the map fills the screen and the panel is a bottom sheet. */
export const COMPACT_QUERY = '(max-width: 639px)';

/** Whether the media query matches, following its changes. */
export function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => typeof matchMedia === 'function' && matchMedia(query).matches);
  useEffect(() => {
    if (typeof matchMedia !== 'function') return;
    const list = matchMedia(query);
    const onChange = () => setMatches(list.matches);
    list.addEventListener('change', onChange);
    onChange();
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}
