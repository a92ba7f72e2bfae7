import { act, cleanup, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useSubmit } from './useSubmit.js';

afterEach(cleanup);

/** A form that sends through `useSubmit`, as the app's forms do. */
function Form({ send }: { send: () => Promise<void> }) {
  const { busy, run } = useSubmit();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void run(send);
      }}
    >
      <button type="submit" aria-disabled={busy}>
        Send
      </button>
    </form>
  );
}

describe('useSubmit', () => {
  it('a double click sends once: the second submit comes before the re-render', async () => {
    let finish = () => {};
    const send = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    render(<Form send={send} />);
    const button = screen.getByRole('button', { name: 'Send' });
    // Both clicks in one task, as a fast double click: no render in between.
    act(() => {
      fireEvent.click(button);
      fireEvent.click(button);
    });
    expect(send).toHaveBeenCalledTimes(1);
    await act(async () => finish());
    // Once it finished, the next submit sends again.
    act(() => fireEvent.click(button));
    expect(send).toHaveBeenCalledTimes(2);
  });

  it('keeps what the work threw, clears it on the next run, and leaves a handled error to the form', async () => {
    const { result } = renderHook(() => useSubmit());
    const refused = new Error('refused');
    let ok: boolean | undefined;
    await act(async () => {
      ok = await result.current.run(() => Promise.reject(refused));
    });
    expect(ok).toBe(false);
    expect(result.current.error).toBe(refused);
    expect(result.current.busy).toBe(false);
    await act(async () => {
      ok = await result.current.run(() => Promise.resolve());
    });
    expect(ok).toBe(true);
    expect(result.current.error).toBeNull();
    const handled = vi.fn(() => true);
    await act(async () => {
      await result.current.run(() => Promise.reject(refused), handled);
    });
    expect(handled).toHaveBeenCalledWith(refused);
    expect(result.current.error).toBeNull();
  });
});
