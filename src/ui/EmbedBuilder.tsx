import './EmbedBuilder.css';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { encodeUrl } from '../core/url';
import { urlStateOf } from '../state/store';
import { EMBED_DEFAULTS, PANELS, iframeSnippet, isReadableAccent } from '../core/embed-options';
import type { Panel } from '../core/embed-options';
import { useStore, useT } from './hooks';
import type { Lang, MessageKey } from '../i18n';
import { FRAME_TITLE } from '../i18n/frame-title';

/**
 * "Embed this map": takes the current view and filters, lets the organiser
 * choose size, language, panels, colour and links, previews the result live,
 * and gives the iframe snippet and the plain URL.
 */
export function EmbedBuilder({ onClose }: { onClose: () => void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  // The view when the builder opened: a modal dialog, nothing else changes meanwhile.
  const store = useStore();
  const [current] = useState(() => store.getState());
  // What is typed, as typed; the snippet takes it once cleaned (an empty width is 100 %, a height is 300–2000 px).
  const [widthText, setWidthText] = useState(String(EMBED_DEFAULTS.width));
  const [heightText, setHeightText] = useState(String(EMBED_DEFAULTS.height));
  const width = widthText.replace(/[^\d%a-z.]/gi, '') || '100%';
  const height = Math.min(2000, Math.max(300, Number(heightText) || EMBED_DEFAULTS.height));
  const [lang, setLang] = useState<Lang>(current.activeLang);
  const [panels, setPanels] = useState<readonly Panel[]>(current.panels ?? PANELS);
  const [color, setColor] = useState(current.color ?? '0b4f8a');
  const [links, setLinks] = useState(current.links);
  const [copied, setCopied] = useState('');

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const url = useMemo(() => {
    const state = {
      ...urlStateOf(current),
      embed: true,
      lang,
      links,
      panels: panels.length === PANELS.length ? null : panels,
      color: color === '0b4f8a' ? null : color,
      selected: null,
      view: 'map' as const,
    };
    return new URL(`?${encodeUrl(state)}`, window.location.href).href;
  }, [current, lang, links, panels, color]);
  // The frame's title is read out on the host page: in the embed's language, not the builder's.
  const snippet = iframeSnippet({ url, title: FRAME_TITLE[lang], width, height });
  const readable = isReadableAccent(color);
  const oembed = useMemo(() => oembedLinks(current.filters.territory), [current]);

  const copy = async (text: string, what: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(what);
    } catch {
      setCopied('failed');
    }
  };
  const togglePanel = (panel: Panel) =>
    setPanels(PANELS.filter((p) => (p === panel ? !panels.includes(p) : panels.includes(p))));

  return (
    <dialog ref={dialog} class="embed-builder" aria-labelledby="embed-title" onClose={onClose}>
      <form method="dialog" class="embed-form" onSubmit={(e) => e.preventDefault()}>
        <h2 id="embed-title">{t('embed.title')}</h2>
        <p class="embed-intro">{t('embed.intro')}</p>
        <div class="embed-grid">
          <div class="embed-options">
            <div class="field">
              <label for="embed-width">{t('embed.width')}</label>
              <input
                id="embed-width"
                value={widthText}
                onInput={(e) => setWidthText((e.target as HTMLInputElement).value)}
              />
            </div>
            <div class="field">
              <label for="embed-height">{t('embed.height')}</label>
              <input
                id="embed-height"
                type="number"
                min={300}
                max={2000}
                step={10}
                value={heightText}
                onInput={(e) => setHeightText((e.target as HTMLInputElement).value)}
              />
            </div>
            <div class="field">
              <label for="embed-lang">{t('embed.lang')}</label>
              <select
                id="embed-lang"
                value={lang}
                onChange={(e) => setLang((e.target as HTMLSelectElement).value as Lang)}
              >
                <option value="fr" lang="fr">
                  Français
                </option>
                <option value="en" lang="en">
                  English
                </option>
              </select>
            </div>
            <fieldset class="facet">
              <legend>{t('embed.panels')}</legend>
              {PANELS.map((panel) => (
                <label key={panel} class="check">
                  <input type="checkbox" checked={panels.includes(panel)} onChange={() => togglePanel(panel)} />
                  {t(`embed.panel.${panel}` as MessageKey)}
                </label>
              ))}
            </fieldset>
            <div class="field">
              <label for="embed-color">{t('embed.color')}</label>
              <input
                id="embed-color"
                type="color"
                value={`#${color}`}
                onChange={(e) => setColor((e.target as HTMLInputElement).value.slice(1).toLowerCase())}
              />
              {!readable && <p class="field-error">{t('embed.colorContrast')}</p>}
            </div>
            <label class="check">
              <input type="checkbox" checked={links} onChange={() => setLinks(!links)} />
              {t('embed.links')}
            </label>
          </div>
          <div class="embed-preview">
            <p class="embed-preview-title">{t('embed.preview')}</p>
            <iframe
              src={url}
              title={t('embed.previewTitle')}
              style={{ width: '100%', height: `${Math.min(height, 420)}px`, border: '1px solid #c9cdd3' }}
            />
          </div>
        </div>
        <div class="field">
          <label for="embed-snippet">{t('embed.snippet')}</label>
          <textarea
            id="embed-snippet"
            readOnly
            rows={4}
            value={snippet}
            onFocus={(e) => (e.target as HTMLTextAreaElement).select()}
          />
          <button type="button" class="button" onClick={() => copy(snippet, 'snippet')}>
            {t('embed.copySnippet')}
          </button>
        </div>
        <div class="field">
          <label for="embed-url">{t('embed.url')}</label>
          <input id="embed-url" readOnly value={url} onFocus={(e) => (e.target as HTMLInputElement).select()} />
          <button type="button" class="button" onClick={() => copy(url, 'url')}>
            {t('embed.copyUrl')}
          </button>
        </div>
        {oembed && (
          <div class="field">
            <label for="embed-oembed">{t('embed.oembed')}</label>
            <input
              id="embed-oembed"
              readOnly
              value={oembed.page}
              onFocus={(e) => (e.target as HTMLInputElement).select()}
            />
            <label for="embed-oembed-endpoint">{t('embed.oembedEndpoint')}</label>
            <input
              id="embed-oembed-endpoint"
              readOnly
              value={oembed.endpoint}
              onFocus={(e) => (e.target as HTMLInputElement).select()}
            />
            <p class="embed-intro">{t('embed.oembedHelp')}</p>
          </div>
        )}
        <p role="status" class="embed-status">
          {copied === 'snippet'
            ? t('embed.copiedSnippet')
            : copied === 'url'
              ? t('embed.copiedUrl')
              : copied === 'failed'
                ? t('action.copyLinkFailed')
                : ''}
        </p>
        <button type="button" class="close" aria-label={t('embed.close')} onClick={() => dialog.current?.close()}>
          ×
        </button>
      </form>
    </dialog>
  );
}

/**
 * The oEmbed links of a site built with its address (`--site-url`): the page
 * to paste (a CMS reads its `<link rel="alternate">`, the default view) and the
 * pre-generated answer closest to the view (its territory's, else the default).
 * Null when the site has none.
 */
function oembedLinks(territory: string | null): { page: string; endpoint: string } | null {
  const link = document.querySelector<HTMLLinkElement>('link[rel="alternate"][type="application/json+oembed"]');
  if (!link) return null;
  const site = link.href.replace(/oembed\.json$/, '');
  const endpoint = territory && /^[\w:-]+$/.test(territory) ? `${site}oembed/${territory}.json` : link.href;
  return { page: site, endpoint };
}
