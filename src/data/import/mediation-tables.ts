/**
 * The mapping tables of the "lieux de médiation numérique" standard (the code of `MAPPING.md`, which a
 * test keeps in step): services → themes, typology codes → categories, name rules.
 */
import type { Category, Theme } from '../../core/vocab';

/**
 * `services` → our themes, for both field sets (v1.0.2 then v0). Matched
 * after normalisation (case, accents), so "Comprehension du monde numérique"
 * (the schema's own spelling in one place) matches too. Every place also gets
 * `digital-inclusion`: the standard lists places of digital inclusion.
 */
export const SERVICE_THEMES: Readonly<Record<string, readonly Theme[]>> = {
  // v1.0.2
  'Aide aux démarches administratives': ['digital-inclusion'],
  'Maîtrise des outils numériques du quotidien': ['training'],
  'Insertion professionnelle via le numérique': ['training'],
  'Utilisation sécurisée du numérique': ['training'],
  'Parentalité et éducation avec le numérique': ['training'],
  'Loisirs et créations numériques': ['training'],
  'Compréhension du monde numérique': ['training'],
  'Accès internet et matériel informatique': ['digital-inclusion'],
  'Acquisition de matériel informatique à prix solidaire': ['equipment'],
  // v0
  'Accéder à du matériel': ['digital-inclusion'],
  'Accéder à une connexion internet': ['digital-inclusion'],
  'Utiliser le numérique au quotidien': ['training'],
  'Approfondir ma culture numérique': ['training'],
  'Prendre en main un ordinateur': ['training'],
  'Prendre en main un smartphone ou une tablette': ['training'],
  'Réaliser des démarches administratives avec un accompagnement': ['digital-inclusion'],
  'Devenir autonome dans les démarches administratives': ['training'],
  'Accompagner les démarches de santé': ['digital-inclusion'],
  'Favoriser mon insertion professionnelle': ['training'],
  'Promouvoir la citoyenneté numérique': ['participation'],
};

/**
 * `typologie` (data.inclusion's structure types) → our category. Codes of the
 * list that are not here (CHRS, ML, LA_POSTE, OF…) are known but say nothing
 * of our categories: the name rules below then decide.
 */
export const TYPOLOGY_CATEGORIES: Readonly<Record<string, Category>> = {
  BIB: 'library',
  RELAIS_LECTURE: 'library',
  EPN: 'internet-access',
  EPI: 'internet-access',
  ENM: 'internet-access',
  FABLAB: 'fablab',
  TIERS_LIEUX: 'third-place',
  FABRIQUE: 'third-place',
  CS: 'social-centre',
  CSC: 'social-centre',
  EVS: 'social-centre',
  MJC: 'social-centre',
  MQ: 'social-centre',
  MDH: 'social-centre',
  ASSO: 'association',
  ASSO_CHOMEUR: 'association',
  AI: 'association',
  ACI: 'association',
  PIMMS: 'association',
  MUNI: 'public-body',
  CCAS: 'public-body',
  CIAS: 'public-body',
  CC: 'public-body',
  EPCI: 'public-body',
  CD: 'public-body',
  DEPT: 'public-body',
  CDAS: 'public-body',
  MDS: 'public-body',
  REG: 'public-body',
  PREF: 'public-body',
  MSAP: 'public-body',
  RFS: 'public-body',
  CAF: 'public-body',
  CPAM: 'public-body',
  MSA: 'public-body',
  FT: 'public-body',
  PE: 'public-body',
  MDPH: 'public-body',
  CFP: 'public-body',
  ESS: 'company',
  EI: 'company',
  EITI: 'company',
  ETTI: 'company',
  EA: 'company',
  EATT: 'company',
  GEIQ: 'company',
};

/**
 * Labels → our networks: values of the standard's `dispositif_programmes_nationaux`
 * (v1.0.2) and of `labels_nationaux` / `labels_autres` (older versions), and
 * of the census's sources. Keys are normalised (lower case, no accents,
 * punctuation as spaces). A label names a membership only when the network is
 * in the networks the data is checked against; other labels are ignored.
 */
export const LABEL_NETWORKS: Readonly<Record<string, string>> = {
  'france services': 'france-services',
  'espace france services': 'france-services',
  msap: 'france-services',
  'conseillers numeriques': 'conseillers-numeriques',
  'conseiller numerique': 'conseillers-numeriques',
  'conseillers numeriques france services': 'conseillers-numeriques',
  cnfs: 'conseillers-numeriques',
  'aidants connect': 'aidants-connect',
  'la mednum': 'la-mednum',
  mednum: 'la-mednum',
  hinaura: 'hinaura',
  'france tiers lieux': 'france-tiers-lieux',
  chatons: 'chatons',
  'repair cafe': 'repair-cafe',
};

/** The standard's fields holding labels and programmes. */
export const LABEL_FIELDS = ['dispositif_programmes_nationaux', 'labels_nationaux', 'labels_autres'] as const;

/** Services of the standard (v1 and v0) that mean free public access to computers and the internet on site. */
export const PUBLIC_INTERNET_SERVICES: readonly string[] = [
  'Accès internet et matériel informatique',
  'Accéder à une connexion internet',
  'Accéder à du matériel',
];

/** Every code of data.inclusion's typology list (for telling a mistyped code from an unmapped one). */
export const KNOWN_TYPOLOGIES = new Set([
  ...Object.keys(TYPOLOGY_CATEGORIES),
  ...'ACIPHC AFPA ASE Autre AVIP CAARUD CADA CAP_EMPLOI CAVA CCONS CHRS CHU CIDFF CITMET CMP CMS CPH CSAPA DEETS DIPLP E2C EPIDE ES ESAT FAIS HUDA LA_POSTE MDE MDEF ML OACAS ODC OF OIL OPCS PAD PENSION PI PIJ_BIJ PJJ PLIE PREVENTION RESSOURCERIE RS_FJT SCP SPIP UDAF'.split(
    ' ',
  ),
]);

/**
 * When `typologie` gives no category (the v0 files have none): words of the
 * normalised name, first match wins; else `internet-access` (a public place
 * to get online and get help, which is what the standard lists).
 */
export const NAME_CATEGORIES: readonly (readonly [RegExp, Category])[] = [
  [/\b(mediatheque|bibliotheque|ludomediatheque)\b/, 'library'],
  [/\b(fab ?lab|repair cafe|hackerspace|makerspace)\b/, 'fablab'],
  [
    /\b(centre social|centre socio ?culturel|maison de quartier|maison des habitant|mdh|mjc|maison des jeunes et de la culture|espace de vie sociale|maison pour tous)/,
    'social-centre',
  ],
  [/\b(tiers ?lieu|coworking)\b/, 'third-place'],
  [
    /\b(mairie|hotel de ville|ccas|cias|france services|maison de services au public|msap|communaute de communes|communaute d'agglomeration|conseil departemental|prefecture|sous-prefecture)\b/,
    'public-body',
  ],
  [/\b(association|asso|pimms)\b/, 'association'],
];

export const DEFAULT_CATEGORY: Category = 'internet-access';
