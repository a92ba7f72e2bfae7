import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import {
  MalformedFrameError,
  decodeFrame,
  encodeSyncStep1,
  encodeSyncStep2,
  encodeUpdate,
} from './protocol.js';

describe('decodeFrame', () => {
  it('decodes what y-protocols encodes', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hi'); // eslint-disable-line no-restricted-syntax -- a throwaway doc
    const e = encoding.createEncoder();
    encoding.writeVarUint(e, 0);
    syncProtocol.writeSyncStep1(e, doc);
    expect(decodeFrame(encoding.toUint8Array(e))).toEqual({
      type: 'syncStep1',
      stateVector: Y.encodeStateVector(doc),
    });
    const update = Y.encodeStateAsUpdate(doc);
    expect(decodeFrame(encodeSyncStep2(update))).toEqual({ type: 'syncStep2', update });
    expect(decodeFrame(encodeUpdate(update))).toEqual({ type: 'update', update });
    expect(decodeFrame(encodeSyncStep1(new Uint8Array([0])))).toEqual({
      type: 'syncStep1',
      stateVector: new Uint8Array([0]),
    });
    expect(decodeFrame(Uint8Array.from([3]))).toEqual({ type: 'queryAwareness' });
    expect(decodeFrame(Uint8Array.from([9, 1, 2]))).toEqual({ type: 'ignored', messageType: 9 });
  });

  it.each([
    ['empty frame', []],
    ['bad varint', [0xff]],
    ['varint beyond 2^53', [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]],
    ['missing sync subtype', [0]],
    ['unknown sync subtype', [0, 3, 0]],
    ['truncated payload', [0, 2, 5, 1]],
    ['trailing bytes', [0, 2, 1, 0, 0]],
    ['trailing bytes after queryAwareness', [3, 0]],
    ['truncated awareness', [1, 4, 1]],
  ])('rejects %s', (_name, bytes) => {
    expect(() => decodeFrame(Uint8Array.from(bytes))).toThrow(MalformedFrameError);
  });

  it('never throws anything but MalformedFrameError on random bytes (seeded)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        try {
          decodeFrame(bytes);
        } catch (err) {
          return err instanceof MalformedFrameError;
        }
        return true;
      }),
      { seed: 20240601, numRuns: 2000 },
    );
  });
});
