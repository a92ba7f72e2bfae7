import { describe, expect, it } from 'vitest';
import type { SessionRow } from '../store/Store.js';
import { publicSessionId, sessionList } from './sessionList.js';
import { SESSION_ABSOLUTE_MS } from './sessions.js';

const row = (id: string, over: Partial<SessionRow> = {}): SessionRow => ({
  id,
  userId: 'u',
  expiresAt: 10_000,
  createdAt: 1_000,
  lastUsedAt: 1_000,
  userAgent: null,
  ...over,
});

describe('sessionList', () => {
  it('puts the current session first, then the most recently used', () => {
    const list = sessionList(
      [
        row('old', { lastUsedAt: 2_000 }),
        row('cur', { lastUsedAt: 1_500 }),
        row('new', { lastUsedAt: 3_000 }),
      ],
      'cur',
      5_000,
    );
    expect(list.map((s) => [s.id, s.current])).toEqual([
      [publicSessionId('cur'), true],
      [publicSessionId('new'), false],
      [publicSessionId('old'), false],
    ]);
  });

  it('leaves out sessions past their idle or absolute expiry, not yet swept', () => {
    const now = 2_000 + SESSION_ABSOLUTE_MS;
    const list = sessionList(
      [
        row('idle', { expiresAt: 5_000 }),
        row('absolute', { createdAt: 1_000, expiresAt: now + 1 }),
        row('live', { createdAt: 3_000, expiresAt: now + 1 }),
        row('cur', { createdAt: 3_000, expiresAt: now + 1 }),
      ],
      'cur',
      now,
    );
    expect(list.map((s) => s.id).sort()).toEqual(
      [publicSessionId('cur'), publicSessionId('live')].sort(),
    );
  });

  it('names sessions one-way: neither the stored key nor a prefix of it', () => {
    const id = publicSessionId('a'.repeat(64));
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect('a'.repeat(64)).not.toContain(id);
    expect(publicSessionId('b'.repeat(64))).not.toBe(id);
  });
});
