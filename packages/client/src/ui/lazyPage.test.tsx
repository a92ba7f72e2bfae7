import { describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { Suspense } from 'react';
import { lazyPage } from './lazyPage.js';

/** A page module whose download the test finishes by hand. */
function deferredPage() {
  let finish: () => void = () => undefined;
  let loads = 0;
  const downloaded = new Promise<void>((resolve) => (finish = resolve));
  const page = lazyPage(() => {
    loads++;
    return downloaded.then(() => ({ who }: { who: string }) => <p>Room of {who}</p>);
  });
  return { page, finish, loads: () => loads };
}

const inSuspense = (node: React.ReactNode) => (
  <Suspense fallback={<p role="status">Loading…</p>}>{node}</Suspense>
);

describe('lazyPage', () => {
  it('renders a page whose chunk is already in at once, never showing the fallback', async () => {
    const { page, finish, loads } = deferredPage();
    const preloading = page.preload();
    finish();
    await preloading;
    render(inSuspense(<page.Page who="Aliya" />));
    // The first render: no Suspense, so nothing for React to hold back.
    expect(screen.getByText('Room of Aliya')).toBeTruthy();
    expect(screen.queryByRole('status')).toBeNull();
    expect(loads()).toBe(1);
  });

  it('shows the fallback while the chunk downloads, then the page; one download for preload and render', async () => {
    const { page, finish, loads } = deferredPage();
    void page.preload();
    render(inSuspense(<page.Page who="Dana" />));
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    await act(async () => finish());
    expect(await screen.findByText('Room of Dana')).toBeTruthy();
    expect(loads()).toBe(1);
  });

  it('tries the download again after it failed', async () => {
    let attempt = 0;
    const page = lazyPage(() =>
      ++attempt === 1
        ? Promise.reject(new Error('offline'))
        : Promise.resolve(() => <p>Settings</p>),
    );
    await expect(page.preload()).rejects.toThrow('offline');
    await page.preload();
    render(inSuspense(<page.Page />));
    expect(screen.getByText('Settings')).toBeTruthy();
  });
});
