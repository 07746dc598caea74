/** The folder of the parts beside the shipped data (`data/parts/`, src/data/parts.ts). */
export const PARTS_DIR = 'parts';
export const PARTS_INDEX = 'index.json';
/** The index without its parts: the whole's counts and the summary by région and département (a few kB). */
export const PARTS_SUMMARY = 'summary.json';
/** The foreign member of a part that says how many valid actors the whole shipped data holds. */
export const SHIPPED_ACTORS = 'shippedActors';
