import { describe, expect, it } from 'vitest';
import {
  GUARD_DENIALS,
  guardDenialKind,
  guardDenialMessage,
  type GuardDenialCode,
} from './guardDenials.js';
import { CloseCode, WriteRefusal, readWriteRefusal, writeRefusalReason } from './wire.js';

const CODES = Object.keys(GUARD_DENIALS) as GuardDenialCode[];

/** Calls a code's message with `arity` stand-in arguments (digits: the client reads ids from them). */
function sample(code: GuardDenialCode): string {
  const message = GUARD_DENIALS[code].message as (...args: unknown[]) => string;
  return message(...Array.from({ length: message.length }, (_, i) => String(101 + i)));
}

describe('GUARD_DENIALS', () => {
  it('every code has a non-empty message, distinct from every other code’s', () => {
    const messages = CODES.map(sample);
    for (const [i, m] of messages.entries()) expect(m.trim(), CODES[i]).not.toBe('');
    // bad_format and bad_attribute pass shared's own problem text through.
    const own = messages.filter((_, i) => !['bad_format', 'bad_attribute'].includes(CODES[i]!));
    expect(new Set(own).size).toBe(own.length);
  });

  it('codes are stable snake_case ids', () => {
    for (const code of CODES) expect(code).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });

  it('every close reason built from a code reads back as the code’s kind', () => {
    for (const code of CODES) {
      const kind = guardDenialKind(code);
      const reason = writeRefusalReason(kind, sample(code));
      expect(readWriteRefusal(CloseCode.forbidden, reason), code).toBe(kind);
      // A WebSocket close reason holds at most 123 bytes.
      expect(new TextEncoder().encode(reason).byteLength, code).toBeLessThanOrEqual(123);
    }
  });

  it('a client-id clash names the id where the client looks for it (re-keying needs it)', () => {
    const clashes = CODES.filter((c) => guardDenialKind(c) === WriteRefusal.clientIdTaken);
    expect(clashes.sort()).toEqual(['foreign_client_id', 'server_client_id']);
    for (const code of clashes) {
      expect(/client id (\d+)/.exec(guardDenialMessage(code, 4242))?.[1]).toBe('4242');
    }
  });

  it('builds the messages the guard sent before codes, byte for byte', () => {
    // The client's notice matches this detail exactly (ConnectionBanner).
    expect(guardDenialMessage('meeting_closed')).toBe('meeting is closed');
    expect(guardDenialMessage('read_only_role', 'observer')).toBe(
      "role 'observer' may not edit texts",
    );
    expect(guardDenialMessage('too_many_clients', 65, 64)).toBe('too many client ids (65 > 64)');
    expect(guardDenialMessage('unknown_deleted', 7, 12)).toBe(
      'missing dependency: deletes 7:12, unknown to the room',
    );
    expect(guardDenialMessage('child_not_allowed', 'table', 'paragraph')).toBe(
      "'table' not allowed in 'paragraph'",
    );
  });
});
