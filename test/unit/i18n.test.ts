import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { catalogs, createTranslator, pickLang } from '../../src/i18n';
import { CATEGORIES, ROLES, SCALES, THEMES, WHEELCHAIR } from '../../src/core/vocab';

describe('catalogues', () => {
  test('every key exists in both languages, with the same placeholders', () => {
    const fr = catalogs.fr as Record<string, string>;
    const en = catalogs.en as Record<string, string>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(fr).sort());
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(fr)) expect([key, placeholders(en[key]!)]).toEqual([key, placeholders(fr[key]!)]);
  });

  test('every vocabulary value has a name in both languages', () => {
    for (const lang of ['fr', 'en'] as const) {
      const c = catalogs[lang] as Record<string, string>;
      for (const v of CATEGORIES) expect(c[`category.${v}`], `${lang} category.${v}`).toBeTruthy();
      for (const v of ROLES) expect(c[`role.${v}`], `${lang} role.${v}`).toBeTruthy();
      for (const v of THEMES) expect(c[`theme.${v}`], `${lang} theme.${v}`).toBeTruthy();
      for (const v of SCALES) expect(c[`scale.${v}`], `${lang} scale.${v}`).toBeTruthy();
      for (const v of WHEELCHAIR) expect(c[`wheelchair.${v}`], `${lang} wheelchair.${v}`).toBeTruthy();
    }
  });

  test('every key the code names exists in the catalogue', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.tsx?$/.test(name) && !path.includes('i18n')) files.push(path);
      }
    };
    walk('src');
    const fr = catalogs.fr as Record<string, string>;
    const missing: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([\w.-]+)'/g)) if (!(m[1]! in fr)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/\bt\.plural\(\s*'([\w.-]+)'/g)) {
        if (!(`${m[1]}.one` in fr) || !(`${m[1]}.other` in fr)) missing.push(`${file}: ${m[1]}.one/.other`);
      }
    }
    expect(missing).toEqual([]);
  });
});

describe('translator', () => {
  test('formats numbers for the language', () => {
    expect(createTranslator('fr').plural('count.actors', 1234)).toBe('1\u202f234 acteurs');
    expect(createTranslator('en').plural('count.actors', 1234)).toBe('1,234 actors');
    expect(createTranslator('fr').plural('count.actors', 1)).toBe('1 acteur');
    expect(createTranslator('en').plural('count.actors', 42)).toBe('42 actors');
  });
  test('picks the explicit language, else the browser’s, else French', () => {
    expect(pickLang('en', ['fr-FR'])).toBe('en');
    expect(pickLang(null, ['de-DE', 'en-GB'])).toBe('en');
    expect(pickLang(null, ['de-DE'])).toBe('fr');
  });
});
