import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const LOCALES = new URL('../../../renderer/i18n/locales/', import.meta.url);

/** The message files as the console loads them: locales/<language>/<namespace>.json. */
function localeResources(): Record<'id' | 'en', Record<string, unknown>> {
  const read = (language: 'id' | 'en') =>
    Object.fromEntries(
      readdirSync(new URL(`${language}/`, LOCALES))
        .filter((file) => file.endsWith('.json'))
        .map((file) => [file.replace(/\.json$/, ''), JSON.parse(readFileSync(new URL(`${language}/${file}`, LOCALES), 'utf8')) as unknown]),
    );
  return { id: read('id'), en: read('en') };
}

/** Every key path of a nested message object, e.g. "unit.kg". */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keyPaths(inner, prefix ? `${prefix}.${key}` : key));
}

/** The {{placeholders}} of every message, by key path. */
function placeholders(value: unknown, prefix = ''): Map<string, string> {
  const found = new Map<string, string>();
  if (typeof value === 'string') {
    found.set(prefix, [...value.matchAll(/\{\{\s*(\w+)/g)].map((m) => m[1]).sort().join(','));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      for (const [path, names] of placeholders(inner, prefix ? `${prefix}.${key}` : key)) found.set(path, names);
    }
  }
  return found;
}

describe('the console speaks both languages', () => {
  const resources = localeResources();

  it('has the same namespaces in Bahasa Indonesia and English', () => {
    expect(Object.keys(resources.id).sort()).toEqual(Object.keys(resources.en).sort());
    expect(Object.keys(resources.en)).toContain('common');
  });

  it('has every English message in Bahasa Indonesia and no extra ones', () => {
    for (const namespace of Object.keys(resources.en)) {
      expect(keyPaths(resources.id[namespace]).sort(), namespace).toEqual(keyPaths(resources.en[namespace]).sort());
    }
  });

  it('fills the same values into a message in both languages', () => {
    for (const namespace of Object.keys(resources.en)) {
      expect(placeholders(resources.id[namespace]), namespace).toEqual(placeholders(resources.en[namespace]));
    }
  });

  it('has no empty message', () => {
    for (const language of ['id', 'en'] as const) {
      for (const [namespace, messages] of Object.entries(resources[language])) {
        const empty = [...placeholders(messages)].filter(([path]) => {
          const text = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages);
          return typeof text === 'string' && text.trim() === '';
        });
        expect(empty, `${language}/${namespace}`).toEqual([]);
      }
    }
  });
});
