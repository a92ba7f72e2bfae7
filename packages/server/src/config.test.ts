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
