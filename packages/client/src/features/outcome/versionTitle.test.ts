import { describe, expect, it } from 'vitest';
import { createI18n } from '../../i18n/allLanguages.js';
import { versionTitle } from './versionTitle.js';

describe('versionTitle', () => {
  it('words the automatic versions in the UI language and keeps a chair’s label as written', async () => {
    const i18n = createI18n('en');
    const t = i18n.t.bind(i18n);
    expect(versionTitle(t, { kind: 'manual', label: 'Before lunch' })).toBe('Before lunch');
    expect(versionTitle(t, { kind: 'agreed', label: 'Fund shelters' })).toBe(
      'Agreed: Fund shelters',
    );
    expect(versionTitle(t, { kind: 'closed', label: '' })).toBe('Meeting closed');
    expect(versionTitle(t, { kind: 'restore', label: 'Draft 2' })).toBe(
      'Before restoring “Draft 2”',
    );
    await i18n.changeLanguage('kk');
    expect(versionTitle(t, { kind: 'agreed', label: 'Баспана' })).toBe('Келісілді: Баспана');
    await i18n.changeLanguage('ru');
    expect(versionTitle(t, { kind: 'closed', label: '' })).toBe('Заседание закрыто');
  });
});
