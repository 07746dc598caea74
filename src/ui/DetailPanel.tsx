import { homeTerritory } from '../core/territory-id';
import { useEffect, useMemo, useRef } from 'preact/hooks';
import { isSafeWebUrl } from '../data/validate';
import {
  selectActorsById,
  selectNetworksById,
  selectSelectedActor,
  selectSelectedNetwork,
  selectTerritoriesById,
} from '../state/selectors';
import { CategoryBadge } from './CategoryBadge';
import { directionsUrl, isPhone } from './directions';
import { Living } from './lazy-parts';
import { useActions, useAppState, useT } from './hooks';
import type { ActorFeature, Network } from '../core/types';
import type { MessageKey } from '../i18n';
import type { ComponentChildren } from 'preact';

/**
 * The detail of the selected actor or network. Every value from data is
 * rendered as text; links only for http(s) and mailto.
 */
export function DetailPanel() {
  const t = useT();
  const actor = useAppState(selectSelectedActor);
  const network = useAppState(selectSelectedNetwork);
  const { select } = useActions();
  const heading = useRef<HTMLHeadingElement>(null);
  const opener = useRef<Element | null>(null);
  const id = actor?.properties.id ?? network?.id ?? null;

  useEffect(() => {
    if (!id) return;
    if (!opener.current) opener.current = document.activeElement;
    heading.current?.focus();
  }, [id]);

  if (!actor && !network) return null;
  const close = () => {
    select(null);
    const back = opener.current;
    opener.current = null;
    if (back instanceof HTMLElement && back.isConnected) back.focus();
    else document.getElementById('results')?.focus();
  };
  return (
    <aside
      class="detail"
      aria-labelledby="detail-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') close();
      }}
    >
      <button type="button" class="close" onClick={close} aria-label={t('detail.close')}>
        ×
      </button>
      {actor ? <ActorDetail actor={actor} heading={heading} /> : <NetworkDetail network={network!} heading={heading} />}
      <p class="visually-hidden">{t('detail.escape')}</p>
    </aside>
  );
}

function ActorDetail({ actor, heading }: { actor: ActorFeature; heading: preact.RefObject<HTMLHeadingElement> }) {
  const t = useT();
  const p = actor.properties;
  const networks = useAppState(selectNetworksById);
  const actors = useAppState(selectActorsById);
  const territories = useAppState(selectTerritoriesById);
  return (
    <>
      <p class="detail-kind">
        <CategoryBadge category={p.category} /> {t(`category.${p.category}` as MessageKey)}
      </p>
      <h2 id="detail-title" ref={heading} tabIndex={-1}>
        {p.name}
      </h2>
      {p.description && <p class="description">{p.description}</p>}
      <dl class="facts">
        <Fact label={t('detail.address')}>
          {p.address}
          <br />
          {p.postcode} {p.commune}
          <br />
          <a
            class="directions"
            href={directionsUrl(actor.geometry.coordinates[1], actor.geometry.coordinates[0], p.name, isPhone())}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t('print.directions')}
          </a>
        </Fact>
        {homeTerritory(p) && (
          <Fact label={t('detail.territory')}>{territories.get(homeTerritory(p))?.name ?? homeTerritory(p)}</Fact>
        )}
        {p.opening_hours && (
          <Fact label={t('detail.hours')}>
            <OpeningHours value={p.opening_hours} />
          </Fact>
        )}
        {p.wheelchair && <Fact label={t('detail.wheelchair')}>{t(`wheelchair.${p.wheelchair}` as MessageKey)}</Fact>}
        {p.url && (
          <Fact label={t('detail.website')}>{isSafeWebUrl(p.url) ? <ExternalLink href={p.url} /> : p.url}</Fact>
        )}
        {p.email && (
          <Fact label={t('detail.email')}>
            {safeMailto(p.email) ? <a href={`mailto:${p.email}`}>{p.email}</a> : p.email}
          </Fact>
        )}
        {p.phone && <Fact label={t('detail.phone')}>{p.phone}</Fact>}
        <Fact label={t('detail.roles')}>{p.roles.map((r) => t(`role.${r}` as MessageKey)).join(', ')}</Fact>
        <Fact label={t('detail.themes')}>
          <ul class="chips">
            {p.themes.map((theme) => (
              <li class="chip" key={theme}>
                {t(`theme.${theme}` as MessageKey)}
              </li>
            ))}
          </ul>
        </Fact>
        {p.networks && p.networks.length > 0 && (
          <Fact label={t('detail.networks')}>
            <SelectList items={p.networks.map((id) => ({ id, name: networks.get(id)?.name ?? id }))} />
          </Fact>
        )}
        {p.partners && p.partners.length > 0 && (
          <Fact label={t('detail.partners')}>
            <SelectList items={p.partners.map((id) => ({ id, name: actors.get(id)?.properties.name ?? id }))} />
          </Fact>
        )}
        {p.source && (
          <Fact label={t('detail.source')}>
            <SourceText text={p.source} />
          </Fact>
        )}
        {p.updated && <Fact label={t('detail.updated')}>{formatDate(p.updated, t.lang)}</Fact>}
      </dl>
      <Living part="detail" properties={p} />
    </>
  );
}

function NetworkDetail({ network, heading }: { network: Network; heading: preact.RefObject<HTMLHeadingElement> }) {
  const t = useT();
  const actors = useAppState((s) => s.dataset?.actors ?? null);
  const territories = useAppState(selectTerritoriesById);
  const networks = useAppState(selectNetworksById);
  const byTerritory = useMemo(() => {
    const groups = new Map<string, ActorFeature[]>();
    for (const a of actors ?? []) {
      if (!a.properties.networks?.includes(network.id)) continue;
      const home = homeTerritory(a.properties);
      const group = groups.get(home);
      if (group) group.push(a);
      else groups.set(home, [a]);
    }
    return groups;
  }, [actors, network.id]);
  const memberCount = [...byTerritory.values()].reduce((sum, group) => sum + group.length, 0);
  return (
    <>
      <p class="detail-kind">{t('detail.network', { scale: t(`scale.${network.scale}` as MessageKey) })}</p>
      <h2 id="detail-title" ref={heading} tabIndex={-1}>
        {network.name}
      </h2>
      {network.description && <p class="description">{network.description}</p>}
      <dl class="facts">
        {network.url && (
          <Fact label={t('detail.website')}>
            {isSafeWebUrl(network.url) ? <ExternalLink href={network.url} /> : network.url}
          </Fact>
        )}
        {network.memberOf && network.memberOf.length > 0 && (
          <Fact label={t('detail.memberOf')}>
            <SelectList items={network.memberOf.map((id) => ({ id, name: networks.get(id)?.name ?? id }))} />
          </Fact>
        )}
        {network.source && (
          <Fact label={t('detail.source')}>
            <SourceText text={network.source} />
          </Fact>
        )}
      </dl>
      <h3>{t.plural('detail.members', memberCount)}</h3>
      {[...byTerritory].map(([territory, list]) => (
        <section key={territory}>
          <h4>{territories.get(territory)?.name ?? territory}</h4>
          <SelectList items={list.map((a) => ({ id: a.properties.id, name: a.properties.name }))} />
        </section>
      ))}
    </>
  );
}

/** Today's state and this week's hours in words (Paris time), and the raw value. */
function OpeningHours({ value }: { value: string }) {
  const t = useT();
  const hours = useAppState((s) => s.hours);
  const now = useAppState((s) => s.now);
  if (!hours) return <span>{value}</span>;
  const at = new Date(now);
  const state = hours.openState(value, at);
  const week = hours.weekSchedule(value, at);
  const today = hours.parisDate(at);
  return (
    <div class="hours">
      <p class={`hours-state hours-${String(state.open)}`}>{hours.describeOpenState(state, at, t)}</p>
      {week && (
        <table class="week">
          <caption class="visually-hidden">{t('detail.week')}</caption>
          <tbody>
            {week.map((day) => (
              <tr key={day.date} class={day.date === today ? 'is-today' : undefined}>
                <th scope="row">
                  {hours.weekdayName(day.date, t.lang)}
                  {day.date === today && <span class="visually-hidden"> ({t('detail.today')})</span>}
                </th>
                <td>
                  {hours.describeDay(day.intervals, t)}
                  {day.holiday && ` (${t('detail.holiday')})`}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p class="hours-raw">
        <span class="visually-hidden">{t('detail.hoursRaw')} : </span>
        <code>{value}</code>
      </p>
    </div>
  );
}

/** Names that open their actor or network: the archipelago walked from panel to panel. */
function SelectList({ items }: { items: { id: string; name: string }[] }) {
  const { select } = useActions();
  return (
    <ul class="links">
      {items.map((item) => (
        <li key={item.id}>
          <button type="button" class="link" onClick={() => select(item.id)}>
            {item.name}
          </button>
        </li>
      ))}
    </ul>
  );
}

function Fact({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="fact">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function ExternalLink({ href }: { href: string }) {
  const t = useT();
  let shown = href;
  try {
    const url = new URL(href);
    shown = url.hostname.replace(/^www\./, '') + (url.pathname === '/' ? '' : url.pathname);
  } catch {
    /* shown as given */
  }
  return (
    <a href={href} rel="noopener noreferrer nofollow" target="_blank">
      {shown}
      <span class="visually-hidden"> {t('a11y.newWindow')}</span>
    </a>
  );
}

/** Sources are text with " ; " between items; the web addresses among them become links. */
function SourceText({ text }: { text: string }) {
  const parts = text.split(/\s+;\s+/);
  return (
    <ul class="sources">
      {parts.map((part, i) => (
        <li key={i}>{isSafeWebUrl(part) ? <ExternalLink href={part} /> : part}</li>
      ))}
    </ul>
  );
}

function safeMailto(email: string): boolean {
  return /^[^\s@<>()"?&]+@[^\s@<>()"?&]+\.[^\s@<>()"?&]+$/.test(email);
}

function formatDate(value: string, lang: string): string {
  const date = new Date(value.length === 10 ? `${value}T12:00:00Z` : value);
  return Number.isNaN(date.getTime())
    ? value
    : new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(date);
}
