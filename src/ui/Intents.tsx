import { INTENTS, isIntentActive } from '../data/intents';
import { useActions, useAppState, useT } from './hooks';
import type { MessageKey } from '../i18n';

/** The common needs, one press each; pressed again, the preset is cleared. */
export function Intents() {
  const t = useT();
  const filters = useAppState((s) => s.filters);
  const { setFilters } = useActions();
  return (
    <section class="intents" aria-labelledby="intents-title">
      <h2 id="intents-title" class="intents-title">
        {t('intent.title')}
      </h2>
      <ul>
        {INTENTS.map((intent) => {
          const active = isIntentActive(intent, filters);
          return (
            <li key={intent.id}>
              <button
                type="button"
                class="intent"
                aria-pressed={active}
                onClick={() =>
                  setFilters(active ? { categories: [], themes: [], match: 'any' } : { ...intent.filters })
                }
              >
                {t(`intent.${intent.id}` as MessageKey)}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
