import { iframeSnippet } from './embed-options';
import type { Lang } from '../i18n';

/**
 * An oEmbed answer (https://oembed.com, type `rich`) for one view of an
 * Archipel site: what a CMS that accepts oEmbed links puts in its page.
 * Shared by the build (pre-generated files) and the optional edge function
 * documented in the README (any view, answered on demand).
 */
export interface OEmbed {
  version: '1.0';
  type: 'rich';
  provider_name: string;
  provider_url: string;
  title: string;
  html: string;
  width: number;
  height: number;
}

export interface OEmbedOptions {
  /** The site's absolute address, ending with `/`. */
  siteUrl: string;
  /** The view's query string without `embed=1` (`territory=brest&theme=training`), may be empty. */
  query: string;
  /** Name of the deployment (provider and title). */
  title: string;
  /** The frame's accessible title, in the embed's language. */
  frameTitle: string;
  lang?: Lang | null;
  width?: number;
  height?: number;
}

export function oembedFor({
  siteUrl,
  query,
  title,
  frameTitle,
  lang = null,
  width = 800,
  height = 600,
}: OEmbedOptions): OEmbed {
  const params = new URLSearchParams(query);
  params.delete('embed');
  if (lang && !params.has('lang')) params.set('lang', lang);
  const rest = params.toString();
  const url = `${siteUrl}?embed=1${rest ? `&${rest}` : ''}`;
  return {
    version: '1.0',
    type: 'rich',
    provider_name: title,
    provider_url: siteUrl,
    title,
    html: iframeSnippet({ url, title: frameTitle, width: '100%', height }),
    width,
    height,
  };
}
