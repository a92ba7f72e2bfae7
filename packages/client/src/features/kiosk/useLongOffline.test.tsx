import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus } from '../../sync/connectionStatus.js';
import { useLongOffline } from './useLongOffline.js';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function hook(initial: ConnectionStatus) {
  return renderHook(({ status }) => useLongOffline(status, 1000), {
    initialProps: { status: initial },
  });
}

describe('useLongOffline', () => {
  it('says nothing of a blip, and speaks after a long spell away', () => {
    const h = hook('synced');
    h.rerender({ status: 'offline' });
    act(() => vi.advanceTimersByTime(600));
    expect(h.result.current).toBe(false);
    h.rerender({ status: 'synced' });
    act(() => vi.advanceTimersByTime(2000));
    expect(h.result.current).toBe(false);
    h.rerender({ status: 'offline' });
    act(() => vi.advanceTimersByTime(1001));
    expect(h.result.current).toBe(true);
  });

  it('counts retries (offline, connecting, offline…) as one spell, and clears on reconnect', () => {
    const h = hook('synced');
    h.rerender({ status: 'offline' });
    act(() => vi.advanceTimersByTime(400));
    h.rerender({ status: 'connecting' });
    act(() => vi.advanceTimersByTime(400));
    h.rerender({ status: 'offline' });
    act(() => vi.advanceTimersByTime(300));
    expect(h.result.current).toBe(true);
    h.rerender({ status: 'connected' });
    expect(h.result.current).toBe(false);
  });

  it('counts a start that never connects', () => {
    const h = hook('connecting');
    act(() => vi.advanceTimersByTime(1001));
    expect(h.result.current).toBe(true);
  });
});
