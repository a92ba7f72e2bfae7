import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@kenes/shared';
import { RESOURCES, createI18n } from './allLanguages.js';
import { initialLanguage } from './i18n.js';
import { startI18n } from './lazyLanguages.js';

type Tree = { [k: string]: string | Tree };

/** Every leaf key of a resource tree, dotted. */
function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === 'string' ? [`${prefix}${k}`] : keys(v, `${prefix}${k}.`),
  );
}
function leaf(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}
const placeholders = (s: string) => [...s.matchAll(/{{\s*(\w+)\s*}}/g)].map((m) => m[1]).sort();

const english = RESOURCES.en as unknown as Tree;
const englishKeys = keys(english).sort();

describe('translations', () => {
  for (const lang of LANGUAGES) {
    const tree = RESOURCES[lang] as unknown as Tree;
    it(`${lang} has exactly the English keys, none empty, same placeholders`, () => {
      expect(keys(tree).sort()).toEqual(englishKeys);
      for (const key of englishKeys) {
        const text = leaf(tree, key) ?? '';
        expect(text.trim(), `${lang}:${key}`).not.toBe('');
        expect(placeholders(text), `${lang}:${key}`).toEqual(placeholders(leaf(english, key)!));
      }
    });
  }

  it('every literal t("…") key used in the source exists', () => {
    // Every source file of the client, as text (Vite's glob; tests excluded).
    const sources = import.meta.glob<string>(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
      query: '?raw',
      import: 'default',
      eager: true,
    });
    expect(Object.keys(sources).length).toBeGreaterThan(20);
    const used = new Set<string>();
    for (const [f, src] of Object.entries(sources)) {
      for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)) used.add(m[1]!);
      // Template keys such as t(`role.${r}`): the prefix must be a subtree.
      for (const m of src.matchAll(/\bt\(\s*`([a-zA-Z_.]+)\.\$\{/g)) {
        expect(
          englishKeys.some((k) => k.startsWith(`${m[1]}.`)),
          `${f}: ${m[1]}.*`,
        ).toBe(true);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((k) => leaf(english, k) === undefined);
    expect(missing).toEqual([]);
  });

  it('the enumerated subtrees cover every value they are looked up with', async () => {
    const shared = await import('@kenes/shared');
    const cover = (prefix: string, values: readonly string[]) =>
      values.forEach((v) =>
        expect(leaf(english, `${prefix}.${v}`), `${prefix}.${v}`).toBeDefined(),
      );
    cover('role', shared.ROLES);
    cover('orgType', shared.ORG_TYPES);
    cover('meetingStatus', shared.MEETING_STATUSES);
    cover('queue.kind', shared.REQUEST_KINDS);
    cover('queue.request', shared.REQUEST_KINDS);
    cover('recs.status', shared.RECOMMENDATION_STATUSES);
    cover('agenda.itemStatus', shared.AGENDA_STATUSES);
  });
});

describe('language choice', () => {
  it('a stored choice, then the browser, then English', () => {
    expect(initialLanguage('kk', ['ru-RU'])).toBe('kk');
    expect(initialLanguage(null, ['de-DE', 'ru-RU'])).toBe('ru');
    expect(initialLanguage('xx', ['fr'])).toBe('en');
  });
  it('renders in each language and keeps <html lang> in step', async () => {
    const i18n = createI18n('ru');
    expect(i18n.t('announce.timeUp')).toBe('Время истекло');
    await i18n.changeLanguage('kk');
    expect(i18n.t('announce.timeUp')).toBe('Уақыт бітті');
    expect(document.documentElement.lang).toBe('kk');
    expect(i18n.t('queue.grantTo', { name: 'Aigerim' })).toBe('Aigerim сөз беру');
  });
  it('the app starts with one language and loads another when switched to it', async () => {
    const i18n = await startI18n('ru');
    expect(Object.keys(i18n.store.data)).toEqual(['ru']);
    expect(i18n.t('announce.timeUp')).toBe('Время истекло');
    await i18n.changeLanguage('kk');
    expect(i18n.t('announce.timeUp')).toBe('Уақыт бітті');
    expect(document.documentElement.lang).toBe('kk');
  });
});
