import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults', () => {
    const c = loadConfig({});
    expect(c.port).toBe(8787);
    expect(c.host).toBe('0.0.0.0');
    expect(c.publicOrigin).toBe('http://localhost:8787');
    expect(c.logLevel).toBe('info');
    expect(c.sync.maxFrameBytes).toBe(1024 * 1024);
    expect(c.dbPath.endsWith('/data/kenes.db')).toBe(true);
    expect(c.sync.rateLimits.byteBurst).toBeGreaterThanOrEqual(c.sync.maxFrameBytes);
  });

  it('reads values and treats empty as unset', () => {
    const c = loadConfig({
      PORT: '9000',
      PUBLIC_ORIGIN: 'https://kenes.example.org/',
      LOG_LEVEL: '',
      MAX_FRAME_BYTES: '2048',
    });
    expect(c.port).toBe(9000);
    expect(c.publicOrigin).toBe('https://kenes.example.org');
    expect(c.logLevel).toBe('info');
    expect(c.sync.maxFrameBytes).toBe(2048);
  });

  it('mail: outbox by default, SMTP_URL and MAIL_FROM checked, bad values named', () => {
    const d = loadConfig({ DATA_DIR: '/tmp/k', PUBLIC_ORIGIN: 'https://kenes.example.org' });
    expect(d.mail.smtpUrl).toBeUndefined();
    expect(d.mail.outboxDir).toBe('/tmp/k/outbox');
    expect(d.mail.from).toBe('Kenes <no-reply@kenes.example.org>');
    expect(d.mail.timeZone).toBe('UTC');
    const c = loadConfig({
      SMTP_URL: 'smtps://kenes:secret@mail.example.org:465',
      MAIL_FROM: 'Kenes Secretariat <kenes@example.org>',
      MAIL_TIME_ZONE: 'Asia/Almaty',
    });
    expect(c.mail).toMatchObject({
      smtpUrl: 'smtps://kenes:secret@mail.example.org:465',
      from: 'Kenes Secretariat <kenes@example.org>',
      timeZone: 'Asia/Almaty',
    });
    expect(loadConfig({ MAIL_FROM: 'kenes@example.org' }).mail.from).toBe('kenes@example.org');
    for (const [name, value] of [
      ['SMTP_URL', 'http://mail.example.org'],
      ['SMTP_URL', 'mail.example.org:25'],
      ['MAIL_FROM', 'not an address'],
      ['MAIL_FROM', 'Kenes <a@b>\r\nBcc: everyone@example.org'],
      ['MAIL_TIME_ZONE', 'Mars/Olympus'],
    ] as const) {
      expect(() => loadConfig({ [name]: value }), `${name}=${value}`).toThrow(
        new RegExp(`${name}: `),
      );
    }
  });

  it('reads the scale-out variables; REDIS_URL needs DATABASE_URL', () => {
    const c = loadConfig({
      DATABASE_URL: 'postgres://db/kenes',
      DATABASE_SCHEMA: 'kenes_a',
      REDIS_URL: 'redis://127.0.0.1:6379',
      REDIS_CHANNEL_PREFIX: 'blue',
    });
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.databaseSchema).toBe('kenes_a');
    expect(c.redisChannelPrefix).toBe('blue');
    expect(loadConfig({}).redisUrl).toBeUndefined();
    expect(() => loadConfig({ REDIS_URL: 'redis://127.0.0.1:6379' })).toThrow(
      /REDIS_URL: needs DATABASE_URL/,
    );
    expect(() => loadConfig({ DATABASE_SCHEMA: 'Robert); DROP' })).toThrow(/DATABASE_SCHEMA/);
  });

  it('names every bad variable', () => {
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', PUBLIC_ORIGIN: 'not a url' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const msg = (err as Error).message;
      for (const v of ['PORT', 'LOG_LEVEL', 'PUBLIC_ORIGIN']) expect(msg).toContain(v);
    }
  });
});
