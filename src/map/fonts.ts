/**
 * The one font of the map, Noto Sans (SIL Open Font License 1.1), shipped by `@fontsource/noto-sans`
 * in its latin and latin-ext subsets, weights 400 and 600, so that labels look the same on every
 * machine and need no network.
 *
 * How maplibre-gl 6 draws text without a `glyphs` URL: for each name of a layer's `text-font`, it
 * first looks in the style's `font-faces` for a file that covers the character, downloads it and
 * waits for it before drawing ({@link MAP_FONT_FACES}, which the basemap style declares). A
 * character no file covers is drawn from the CSS family of the same name, with the weight read from
 * the name ("Regular" 400, "SemiBold" 600); {@link loadMapFonts} registers those families too, so a
 * style without `font-faces` (an online one) still draws our labels with Noto Sans.
 */
import latin400 from '@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2?url';
import latin600 from '@fontsource/noto-sans/files/noto-sans-latin-600-normal.woff2?url';
import latinExt400 from '@fontsource/noto-sans/files/noto-sans-latin-ext-400-normal.woff2?url';
import latinExt600 from '@fontsource/noto-sans/files/noto-sans-latin-ext-600-normal.woff2?url';

import type { FontFacesSpecification } from 'maplibre-gl';

/** `text-font` of ordinary labels. */
export const MAP_FONT_STACK = ['Noto Sans Regular'];

/** `text-font` of prominent labels (big cities). */
export const MAP_FONT_STACK_SEMIBOLD = ['Noto Sans SemiBold'];

/** CSS `font-family` for drawing on a canvas with the map's font, at weight 400 or 600. */
export const MAP_FONT_FAMILY = '"Noto Sans", sans-serif';

/** Code points of each subset, as `@fontsource/noto-sans` declares them. */
const LATIN = [
  'U+0000-00FF',
  'U+0131',
  'U+0152-0153',
  'U+02BB-02BC',
  'U+02C6',
  'U+02DA',
  'U+02DC',
  'U+0304',
  'U+0308',
  'U+0329',
  'U+2000-206F',
  'U+20AC',
  'U+2122',
  'U+2191',
  'U+2193',
  'U+2212',
  'U+2215',
  'U+FEFF',
  'U+FFFD',
];
const LATIN_EXT = [
  'U+0100-02BA',
  'U+02BD-02C5',
  'U+02C7-02CC',
  'U+02CE-02D7',
  'U+02DD-02FF',
  'U+0304',
  'U+0308',
  'U+0329',
  'U+1D00-1DBF',
  'U+1E00-1E9F',
  'U+1EF2-1EFF',
  'U+2020',
  'U+20A0-20AB',
  'U+20AD-20C0',
  'U+2113',
  'U+2C60-2C7F',
  'U+A720-A7FF',
];

type FontFile = { url: string; ranges: string[] };

/** The files of each weight, keyed by the `text-font` name that draws with them. */
const FILES: { name: string; weight: number; files: FontFile[] }[] = [
  {
    name: 'Noto Sans Regular',
    weight: 400,
    files: [
      { url: latin400, ranges: LATIN },
      { url: latinExt400, ranges: LATIN_EXT },
    ],
  },
  {
    name: 'Noto Sans SemiBold',
    weight: 600,
    files: [
      { url: latin600, ranges: LATIN },
      { url: latinExt600, ranges: LATIN_EXT },
    ],
  },
];

/**
 * The style's `font-faces`: maplibre downloads a file only when it draws a character of its range,
 * so latin-ext costs nothing until a name needs it.
 */
export const MAP_FONT_FACES: FontFacesSpecification = Object.fromEntries(
  FILES.map(({ name, files }) => [name, files.map(({ url, ranges }) => ({ url, 'unicode-range': ranges }))]),
);

let loading: Promise<void> | undefined;

/**
 * Registers Noto Sans with the page under the `text-font` names ("Noto Sans Regular", "Noto Sans
 * SemiBold") and as "Noto Sans" (weights 400 and 600), and resolves once the latin files are
 * loaded, so that the first labels are not drawn with a fallback font. Safe to call more than once;
 * does nothing where there is no CSS Font Loading API (tests in Node).
 */
export function loadMapFonts(): Promise<void> {
  loading ??= registerAndLoad();
  return loading;
}

async function registerAndLoad(): Promise<void> {
  if (typeof document === 'undefined' || typeof FontFace === 'undefined' || !document.fonts) return;
  const loads: Promise<unknown>[] = [];
  for (const { name, weight, files } of FILES) {
    for (const family of [name, 'Noto Sans']) {
      for (const { url, ranges } of files) {
        const face = new FontFace(family, `url("${url}") format("woff2")`, {
          weight: String(weight),
          style: 'normal',
          unicodeRange: ranges.join(','),
        });
        document.fonts.add(face);
        if (ranges === LATIN) loads.push(face.load());
      }
    }
  }
  try {
    await Promise.all(loads);
  } catch (error) {
    // Labels then fall back to the system's sans-serif: worth a warning, not a broken map.
    console.warn('Map fonts failed to load; labels fall back to the system font.', error);
  }
}
