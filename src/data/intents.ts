import type { ActorFeature } from '../core/types';
import type { Need } from '../core/vocab';
import { NEEDS } from '../core/vocab';

/**
 * Quick intents: the common needs of residents, each a documented rule over what a place
 * offers (its themes, the networks and labels it belongs to), and over its category only
 * where the category itself is the offer (a fablab, a public internet access point). A rule
 * is a test on one actor, so it holds whatever the data's size or origin: the curated actors
 * today, the national census (France services counters, libraries, digital advisers' hosts)
 * tomorrow. Applying one sets `need=` in the URL; it combines with every other filter.
 */
export interface Intent {
  id: Need;
  /** Whether a place answers the need. */
  offers(actor: ActorFeature): boolean;
}

/**
 * The France services label, in a place's name or in the id of a network it belongs to: the
 * national counters where agents help with administrative procedures, online ones first
 * (each counter has by charter a computer with internet access and an agent to help). The
 * label's name is part of every counter's official name ("France services de …").
 */
const FRANCE_SERVICES = /france[\s-]?services/i;
/**
 * Networks whose members are public internet access points (Brest's PAPI, the "espaces
 * publics numériques"): a member offers free internet access whatever its category.
 */
const INTERNET_NETWORK = /(^|-)(papi|epn)(-|$)/;
/** The roles of a place open to the public: a public service, or a space open to all. */
const WELCOMING = new Set(['public-service', 'opportunity-space']);

function isFranceServices(actor: ActorFeature): boolean {
  const p = actor.properties;
  return FRANCE_SERVICES.test(p.name) || (p.networks ?? []).some((n) => FRANCE_SERVICES.test(n));
}

function welcomes(actor: ActorFeature): boolean {
  return actor.properties.roles.some((r) => WELCOMING.has(r));
}

const has = (actor: ActorFeature, theme: string) => (actor.properties.themes as readonly string[]).includes(theme);

export const INTENTS: readonly Intent[] = [
  {
    // Learn to use a computer: a place open to the public that trains people in digital skills
    // (themes `training` and `digital-inclusion`).
    id: 'learn',
    offers: (a) => has(a, 'training') && has(a, 'digital-inclusion') && welcomes(a),
  },
  {
    // Help with online forms (administrative procedures online): a France services counter
    // (label in its name or networks), or any place open to the public that does digital
    // inclusion (`digital-inclusion`: mediators who help people through online procedures),
    // whatever its category: an association such as Brest's Pimms counts as much as a town hall.
    id: 'forms',
    offers: (a) => isFranceServices(a) || (has(a, 'digital-inclusion') && welcomes(a)),
  },
  {
    // Make things: a fablab, makerspace or repair café, or any place whose theme is `making`.
    id: 'make',
    offers: (a) => a.properties.category === 'fablab' || has(a, 'making'),
  },
  {
    // Free internet access: a public internet access point (category, census service
    // `public-internet`, or member of a PAPI/EPN network), a library (public computers and wifi),
    // or a France services counter.
    id: 'internet',
    offers: (a) =>
      a.properties.category === 'internet-access' ||
      a.properties.services?.includes('public-internet') === true ||
      a.properties.category === 'library' ||
      (a.properties.networks ?? []).some((n) => INTERNET_NETWORK.test(n)) ||
      isFranceServices(a),
  },
];

const BY_ID = new Map(INTENTS.map((i) => [i.id, i]));
if (BY_ID.size !== NEEDS.length) throw new Error('every need has one intent');

/** The intent of a need. */
export function intentOf(need: Need): Intent {
  return BY_ID.get(need)!;
}
