import type { Lang } from '../i18n';

/**
 * A distance as a resident reads it: "350 m" below 1 km (to 10 m), "2,4 km" (French) or
 * "2.4 km" (English) below 10 km, "12 km" from 10 km on. Number and unit never wrap apart.
 *
 * @param km - the distance in kilometres; a negative or non-finite value gives ""
 * @param lang - the interface language, for the decimal separator
 */
export function formatDistance(km: number, lang: Lang): string {
  if (!(km >= 0) || km === Infinity) return '';
  const metres = Math.round(km * 100) * 10;
  if (metres < 1000) return unit(lang, 'meter', 0).format(metres).replace(/ /g, '\u00a0');
  const tenths = Math.round(km * 10) / 10;
  const text =
    tenths < 10 ? unit(lang, 'kilometer', 1).format(tenths) : unit(lang, 'kilometer', 0).format(Math.round(km));
  return text.replace(/ /g, '\u00a0');
}

const formats = new Map<string, Intl.NumberFormat>();

function unit(lang: Lang, name: 'meter' | 'kilometer', digits: number): Intl.NumberFormat {
  const key = `${lang}|${name}|${digits}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, {
      style: 'unit',
      unit: name,
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formats.set(key, format);
  }
  return format;
}
