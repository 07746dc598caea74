import { enCore } from './en-core';
import { enMore } from './en-more';
import type { Messages } from './core';

/** English: every key of the French catalogue, in the same two parts (the types check both). */
export const en: Messages = { ...enCore, ...enMore };
