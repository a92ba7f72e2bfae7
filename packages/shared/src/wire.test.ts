import { describe, expect, it } from 'vitest';
import { CloseCode, WriteRefusal, readWriteRefusal, writeRefusalReason } from './wire.js';

describe('write refusal kinds', () => {
  it('round-trips a kind through a 4403 close reason', () => {
    for (const kind of Object.values(WriteRefusal)) {
      const reason = writeRefusalReason(kind, 'meeting is closed');
      expect(readWriteRefusal(CloseCode.forbidden, reason)).toBe(kind);
    }
  });

  it('answers null for lost membership, other codes and look-alikes', () => {
    expect(readWriteRefusal(CloseCode.forbidden, 'removed from meeting')).toBeNull();
    expect(readWriteRefusal(CloseCode.forbidden, '')).toBeNull();
    expect(readWriteRefusal(CloseCode.unauthorized, 'write-refused: x')).toBeNull();
    expect(readWriteRefusal(CloseCode.forbidden, 'write-refusedx: y')).toBeNull();
  });
});
