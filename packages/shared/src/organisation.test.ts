import { describe, expect, it } from 'vitest';
import { organisationKey, sameOrganisation } from './organisation.js';

describe('organisationKey', () => {
  it('ignores case, outer and inner spacing', () => {
    expect(sameOrganisation('UNDP', ' undp ')).toBe(true);
    expect(sameOrganisation('Union of  Crisis\tCentres', 'union of crisis centres')).toBe(true);
  });

  it('ignores invisible characters (zero-width space, joiners, soft hyphen, BOM, bidi marks)', () => {
    for (const hidden of ['\u200b', '\u200c', '\u200d', '\u00ad', '\ufeff', '\u2060', '\u200e']) {
      expect(sameOrganisation(`UN${hidden}DP`, 'UNDP')).toBe(true);
    }
  });

  it('folds compatibility forms (full-width letters, no-break spaces)', () => {
    expect(sameOrganisation('ＵＮＤＰ', 'UNDP')).toBe(true);
    expect(sameOrganisation('UN\u00a0Women', 'UN Women')).toBe(true);
  });

  it('folds Cyrillic and Greek lookalikes onto Latin', () => {
    expect(sameOrganisation('UNDР', 'UNDP')).toBe(true); // Cyrillic Р
    expect(sameOrganisation('undр', 'UNDP')).toBe(true); // Cyrillic р
    expect(sameOrganisation('ОНСНR', 'OHCHR')).toBe(true); // Cyrillic О, Н, С, Н
    expect(sameOrganisation('ΟSCΕ', 'OSCE')).toBe(true); // Greek Ο, Ε
    expect(sameOrganisation('UNDP\u200b', 'undр ')).toBe(true);
  });

  it('keeps different organisations apart', () => {
    expect(sameOrganisation('UNDP', 'UNEP')).toBe(false);
    expect(sameOrganisation('UN Women', 'UNWomen')).toBe(false);
    expect(sameOrganisation('Ministry of Justice', 'Ministry of Foreign Affairs')).toBe(false);
    // A real Cyrillic name is a name of its own, not folded into nothing.
    expect(organisationKey('Министерство юстиции')).not.toBe('');
    expect(sameOrganisation('Министерство юстиции', 'Министерство иностранных дел')).toBe(false);
  });

  it('is stable: the key of a key is the key', () => {
    for (const name of ['UNDP', 'Мм', 'ＵＮ\u200bＤＰ', 'Ombudsman Office', 'İstanbul']) {
      const k = organisationKey(name);
      expect(organisationKey(k)).toBe(k);
    }
  });
});
