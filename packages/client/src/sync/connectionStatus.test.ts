import { describe, expect, it } from 'vitest';
import { CloseCode } from '@kenes/shared';
import {
  INITIAL_CONNECTION,
  reduceConnection,
  type ConnectionEvent,
  type ConnectionState,
} from './connectionStatus.js';

const run = (events: ConnectionEvent[], from: ConnectionState = INITIAL_CONNECTION) =>
  events.reduce(reduceConnection, from);

describe('reduceConnection', () => {
  it('goes connecting → connected → synced', () => {
    expect(run([{ type: 'status', status: 'connecting' }]).status).toBe('connecting');
    expect(run([{ type: 'status', status: 'connected' }]).status).toBe('connected');
    expect(
      run([
        { type: 'status', status: 'connected' },
        { type: 'sync', synced: true },
      ]),
    ).toEqual({
      status: 'synced',
      closeInfo: null,
    });
  });

  it('ignores a sync event while not connected', () => {
    expect(run([{ type: 'sync', synced: true }]).status).toBe('connecting');
  });

  it('keeps a retryable close visible while reconnecting, clears it once connected', () => {
    const closed = run([
      { type: 'status', status: 'connected' },
      { type: 'sync', synced: true },
      { type: 'status', status: 'disconnected' },
      { type: 'close', code: CloseCode.serviceRestart, reason: 'restart' },
    ]);
    expect(closed).toEqual({
      status: 'offline',
      closeInfo: { code: 1012, reason: 'restart', terminal: false },
    });
    const retrying = run([{ type: 'status', status: 'connecting' }], closed);
    expect(retrying.status).toBe('connecting');
    expect(retrying.closeInfo?.code).toBe(1012);
    expect(run([{ type: 'status', status: 'connected' }], retrying).closeInfo).toBeNull();
  });

  it.each([CloseCode.unauthorized, CloseCode.forbidden])(
    'stays offline after terminal close %i',
    (code) => {
      const state = run([
        { type: 'close', code, reason: 'no' },
        { type: 'status', status: 'connecting' },
      ]);
      expect(state).toEqual({
        status: 'offline',
        closeInfo: { code, reason: 'no', terminal: true },
      });
    },
  );

  it('keeps a terminal close over a later transport close', () => {
    const state = run([
      { type: 'close', code: CloseCode.forbidden, reason: 'observer' },
      { type: 'close', code: 1006, reason: '' },
    ]);
    expect(state.closeInfo).toEqual({ code: 4403, reason: 'observer', terminal: true });
  });

  it('a refused write (4403 with a refusal kind) is not the end: the room reconnects', () => {
    const state = run([
      { type: 'status', status: 'connected' },
      { type: 'close', code: CloseCode.forbidden, reason: 'write-refused: meeting is closed' },
      { type: 'status', status: 'connecting' },
      { type: 'status', status: 'connected' },
    ]);
    expect(state).toEqual({ status: 'connected', closeInfo: null });
    const clash = run([
      { type: 'close', code: CloseCode.forbidden, reason: 'client-id-taken: client id 1 …' },
    ]);
    expect(clash.closeInfo?.terminal).toBe(false);
    expect(clash.status).toBe('connecting');
  });

  it('drops from synced to connected when the provider loses sync', () => {
    const state = run([
      { type: 'status', status: 'connected' },
      { type: 'sync', synced: true },
      { type: 'sync', synced: false },
    ]);
    expect(state.status).toBe('connected');
  });
});
