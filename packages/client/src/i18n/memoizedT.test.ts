import { describe, expect, it, vi } from 'vitest';
import i18next from 'i18next';
import { memoizeTranslations } from './memoizedT.js';

const STRINGS = {
  en: { translation: { room: { title: 'Room', by: 'Suggested by {{name}}' }, title: 'Kenes' } },
  ru: { translation: { room: { title: 'Зал', by: 'Предложил(а) {{name}}' }, title: 'Кенес' } },
};

async function instance() {
  const i18n = i18next.createInstance();
  await i18n.init({
    resources: STRINGS,
    lng: 'en',
    interpolation: { escapeValue: false },
    initImmediate: false,
    showSupportNotice: false,
  });
  memoizeTranslations(i18n);
  // i18next's own translator (not in its typings): what every t() call ends in.
  const { translator } = i18n as unknown as { translator: { translate(...a: unknown[]): unknown } };
  const translate = vi.spyOn(translator, 'translate');
  return { i18n, translate };
}

describe('memoized translations', () => {
  it('works a plain key out once, however many cards ask for it', async () => {
    const { i18n, translate } = await instance();
    const t = i18n.getFixedT(null, null);
    for (let i = 0; i < 100; i++) expect(i18n.getFixedT(null, null)('room.title')).toBe('Room');
    expect(t('room.title')).toBe('Room');
    expect(translate).toHaveBeenCalledTimes(1);
  });

  it('passes calls with options to i18next every time', async () => {
    const { i18n, translate } = await instance();
    const t = i18n.getFixedT(null, null);
    expect(t('room.by', { name: 'Aliya' })).toBe('Suggested by Aliya');
    expect(t('room.by', { name: 'Dana' })).toBe('Suggested by Dana');
    expect(translate).toHaveBeenCalledTimes(2);
  });

  it('keeps a key prefix apart from the plain key', async () => {
    const { i18n } = await instance();
    expect(i18n.getFixedT(null, null, 'room')('title')).toBe('Room');
    expect(i18n.getFixedT(null, null)('title')).toBe('Kenes');
  });

  it('forgets on a language change and when strings are added', async () => {
    const { i18n } = await instance();
    expect(i18n.getFixedT(null, null)('room.title')).toBe('Room');
    await i18n.changeLanguage('ru');
    expect(i18n.getFixedT(null, null)('room.title')).toBe('Зал');
    i18n.addResourceBundle('ru', 'translation', { room: { title: 'Зал заседаний' } }, true, true);
    expect(i18n.getFixedT(null, null)('room.title')).toBe('Зал заседаний');
    expect(i18n.getFixedT('en', null)('room.title')).toBe('Room');
  });
});
