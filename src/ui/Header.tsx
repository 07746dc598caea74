import { useState } from 'preact/hooks';
import { useActions, useAppState, useT } from './hooks';
import { lazyComponent } from './lazy';

const EmbedBuilder = lazyComponent(() => import('./EmbedBuilder').then((m) => m.EmbedBuilder));
import type { Lang } from '../i18n';

export function Header() {
  const t = useT();
  const lang = useAppState((s) => s.activeLang);
  // A deployment's own name and contact (archipel.config.json).
  const title = useAppState((s) => s.config?.title ?? null);
  const contact = useAppState((s) => s.config?.contact ?? null);
  const { setLang, setView } = useActions();
  const [copied, setCopied] = useState<'idle' | 'done' | 'failed'>('idle');
  const [embedOpen, setEmbedOpen] = useState(false);
  // Compact screens fold the actions behind one menu button.
  const [menuOpen, setMenuOpen] = useState(false);
  const copyLink = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setCopied('done');
    } catch {
      setCopied('failed');
    }
    window.setTimeout(() => setCopied('idle'), 4000);
  };
  const other: Lang = lang === 'fr' ? 'en' : 'fr';
  return (
    <header class="header">
      <div class="brand">
        <h1 class="title">{title ?? t('app.title')}</h1>
        <p class="tagline">{t('app.tagline')}</p>
      </div>
      <button
        type="button"
        class="button menu-toggle"
        aria-expanded={menuOpen}
        aria-controls="header-actions"
        onClick={() => setMenuOpen(!menuOpen)}
      >
        {t('menu.toggle')}
      </button>
      <div class={menuOpen ? 'header-actions is-open' : 'header-actions'} id="header-actions">
        <button type="button" class="button" onClick={copyLink}>
          {t('action.copyLink')}
        </button>
        <span class="visually-hidden" role="status">
          {copied === 'done' ? t('action.copyLinkDone') : copied === 'failed' ? t('action.copyLinkFailed') : ''}
        </span>
        {copied !== 'idle' && (
          <span class="toast" aria-hidden="true">
            {copied === 'done' ? t('action.copyLinkDone') : t('action.copyLinkFailed')}
          </span>
        )}
        <button type="button" class="button" aria-haspopup="dialog" onClick={() => setEmbedOpen(true)}>
          {t('embed.open')}
        </button>
        {embedOpen && <EmbedBuilder onClose={() => setEmbedOpen(false)} />}
        <button
          type="button"
          class="button button-quiet"
          onClick={() => {
            setMenuOpen(false);
            setView('accessibility');
          }}
        >
          {t('a11y.statement.link')}
        </button>
        {contact && (
          <a class="button button-quiet" href={contact}>
            {t('header.contact')}
          </a>
        )}
        <button type="button" class="button" lang={other} onClick={() => setLang(other)}>
          {t('lang.switchTo')}
        </button>
      </div>
    </header>
  );
}
