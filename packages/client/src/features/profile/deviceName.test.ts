import { describe, expect, it } from 'vitest';
import type { SessionInfo } from '@kenes/shared';
import { createI18n } from '../../i18n/allLanguages.js';
import { deviceName } from './deviceName.js';

const session = (over: Partial<SessionInfo>): SessionInfo => ({
  id: 'x',
  createdAt: 1,
  lastUsedAt: 1,
  browser: null,
  os: null,
  mobile: false,
  current: false,
  ...over,
});

describe('deviceName', () => {
  it('names browser and system in the UI language, and says when it cannot', async () => {
    const i18n = createI18n('en');
    await i18n.changeLanguage('en');
    const t = i18n.t.bind(i18n);
    expect(deviceName(t, session({ browser: 'Firefox', os: 'Windows' }))).toBe(
      'Firefox on Windows',
    );
    expect(deviceName(t, session({ browser: 'Safari', os: 'iOS', mobile: true }))).toBe(
      'Safari on iOS (mobile)',
    );
    expect(deviceName(t, session({ browser: 'Chrome' }))).toBe('Chrome');
    expect(deviceName(t, session({ os: 'Linux' }))).toBe('Unknown browser on Linux');
    expect(deviceName(t, session({}))).toBe('Unknown device');
    await i18n.changeLanguage('kk');
    expect(deviceName(t, session({}))).toBe('Белгісіз құрылғы');
  });
});
