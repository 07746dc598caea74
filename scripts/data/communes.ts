/**
 * INSEE codes of communes, from `@etalab/decoupage-administratif` (the
 * official geographic code): the current commune of an old or delegated code,
 * the commune of a postcode and name, and the members of the two study EPCIs.
 */
import { normaliseText } from '../../src/core/filter';
import { readJson } from '../npm-data';

interface CommuneRecord {
  code: string;
  nom: string;
  type: 'commune-actuelle' | 'commune-deleguee' | 'commune-associee' | 'arrondissement-municipal';
  codesPostaux?: string[];
  chefLieu?: string;
  commune?: string;
  anciensCodes?: string[];
}

interface EpciRecord {
  code: string;
  nom: string;
  membres: { code: string }[];
}

/** The study territories (BRIEF "Territories contract"): the legacy ids and their EPCI. */
export const STUDY_EPCI: Readonly<Record<'brest' | 'grenoble', string>> = {
  brest: '242900314',
  grenoble: '200040715',
};

/** A commune name as compared here: lower case, no accents, `saint` for `st`, hyphens and apostrophes as spaces. */
export function communeKey(name: string): string {
  return normaliseText(name)
    .replace(/[-'’]/g, ' ')
    .replace(/\bst\b/g, 'saint')
    .replace(/\bste\b/g, 'sainte')
    .replace(/\s+/g, ' ')
    .trim();
}

export class Communes {
  /** Current commune codes. */
  private readonly current = new Set<string>();
  /** An old, delegated or associated code, or a municipal district → the current commune. */
  private readonly successor = new Map<string, string>();
  /** postcode → current communes (code, key of the name). */
  private readonly byPostcode = new Map<string, { code: string; key: string }[]>();
  /** key of the name → current codes. */
  private readonly byName = new Map<string, string[]>();
  /** current code → official name and postcodes. */
  private readonly info = new Map<string, { name: string; postcodes: string[] }>();
  /** commune code → study territory id. */
  private readonly study = new Map<string, 'brest' | 'grenoble'>();

  constructor(communes: readonly CommuneRecord[], epcis: readonly EpciRecord[]) {
    for (const c of communes) {
      if (c.type === 'commune-actuelle') {
        this.current.add(c.code);
        this.info.set(c.code, { name: c.nom, postcodes: c.codesPostaux ?? [] });
        const key = communeKey(c.nom);
        for (const postcode of c.codesPostaux ?? []) {
          const list = this.byPostcode.get(postcode) ?? [];
          list.push({ code: c.code, key });
          this.byPostcode.set(postcode, list);
        }
        this.byName.set(key, [...(this.byName.get(key) ?? []), c.code]);
        for (const old of c.anciensCodes ?? []) if (!this.successor.has(old)) this.successor.set(old, c.code);
      }
    }
    for (const c of communes) {
      if (this.current.has(c.code)) continue;
      const parent = c.type === 'arrondissement-municipal' ? c.commune : c.chefLieu;
      if (parent && !this.successor.has(c.code)) this.successor.set(c.code, parent);
      if (c.type === 'arrondissement-municipal' && parent) {
        for (const postcode of c.codesPostaux ?? []) {
          const list = this.byPostcode.get(postcode) ?? [];
          if (!list.some((x) => x.code === parent)) list.push({ code: parent, key: communeKey(c.nom) });
          this.byPostcode.set(postcode, list);
        }
      }
    }
    for (const [territory, code] of Object.entries(STUDY_EPCI) as ['brest' | 'grenoble', string][]) {
      const epci = epcis.find((e) => e.code === code);
      for (const member of epci?.membres ?? []) this.study.set(member.code, territory);
    }
  }

  /** The installed official code (`@etalab/decoupage-administratif`). */
  static load(): Communes {
    return new Communes(
      readJson<CommuneRecord[]>('@etalab/decoupage-administratif/data/communes.json'),
      readJson<EpciRecord[]>('@etalab/decoupage-administratif/data/epci.json'),
    );
  }

  /** The current commune for a code from a source (old codes of merged communes, Paris/Lyon/Marseille districts), or undefined. */
  currentCode(code: string | undefined): string | undefined {
    if (!code) return undefined;
    const padded = /^\d{4}$/.test(code) ? `0${code}` : code.toUpperCase();
    if (this.current.has(padded)) return padded;
    let next = this.successor.get(padded);
    for (let hops = 0; next !== undefined && !this.current.has(next) && hops < 5; hops++)
      next = this.successor.get(next);
    return next !== undefined && this.current.has(next) ? next : undefined;
  }

  /**
   * The commune of a postcode and a commune name: the one of the postcode whose
   * name matches; else, if the postcode has a single commune, that one; else
   * the only commune of France with that name. Undefined when unsure.
   */
  fromPostcode(postcode: string | undefined, name: string | undefined): string | undefined {
    const list = postcode ? (this.byPostcode.get(postcode.trim().padStart(5, '0')) ?? []) : [];
    const key = name ? communeKey(name.replace(/\s+cedex.*$/i, '')) : '';
    if (key) {
      const same = list.filter((c) => c.key === key);
      if (same.length >= 1) return same[0]!.code;
    }
    const distinct = [...new Set(list.map((c) => c.code))];
    if (distinct.length === 1) return distinct[0];
    const byName = key ? this.byName.get(key) : undefined;
    if (byName && byName.length === 1) return byName[0];
    return undefined;
  }

  /** The official name of a current commune. */
  nameOf(insee: string | undefined): string | undefined {
    return insee ? this.info.get(insee)?.name : undefined;
  }

  /** The postcode of a current commune when it has only one (else undefined: which one is unknown). */
  postcodeOf(insee: string | undefined): string | undefined {
    const postcodes = insee ? this.info.get(insee)?.postcodes : undefined;
    return postcodes && postcodes.length === 1 ? postcodes[0] : undefined;
  }

  /** `brest` or `grenoble` for a commune of Brest métropole or Grenoble-Alpes Métropole. */
  studyTerritory(insee: string | undefined): 'brest' | 'grenoble' | undefined {
    return insee ? this.study.get(insee) : undefined;
  }
}
