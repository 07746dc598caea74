import { INTENTS } from '../data/intents';
import { useActions, useAppState, useT } from './hooks';

/**
 * The common needs, one press each (`need=` in the URL, with every other filter); pressed
 * again, the need is cleared. What each need keeps is a rule over what a place offers
 * (`src/data/intents.ts`).
 */
export function Intents() {
  const t = useT();
  const need = useAppState((s) => s.need);
  const { setNeed } = useActions();
  return (
    <section class="intents" aria-labelledby="intents-title">
      <h2 id="intents-title" class="intents-title">
        {t('intent.title')}
      </h2>
      <ul>
        {INTENTS.map((intent) => {
          const active = need === intent.id;
          return (
            <li key={intent.id}>
              <button
                type="button"
                class="intent"
                aria-pressed={active}
                onClick={() => setNeed(active ? null : intent.id)}
              >
                {t(`intent.${intent.id}`)}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
