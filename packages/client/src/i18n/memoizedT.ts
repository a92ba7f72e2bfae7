import type { i18n as I18n, TFunction } from 'i18next';

/**
 * Makes the instance's fixed `t` functions (what `useTranslation` hands out)
 * remember what they return for a plain key (a key with no
 * options). i18next works each call out afresh (copying its options,
 * splitting the key, looking it up, interpolating), some 20 µs, and a room
 * of 50 cards calls it thousands of times as it opens: a cold room spent
 * ~100 ms of its main thread in i18next. Calls with options (interpolation,
 * counts, defaults) go to i18next as before. What is remembered is
 * forgotten whenever the language or the loaded strings change.
 */
export function memoizeTranslations(instance: I18n): void {
  const remembered = new Map<string, string>();
  const forget = () => remembered.clear();
  instance.on('languageChanged', forget);
  instance.on('loaded', forget);
  instance.store.on('added', forget);
  instance.store.on('removed', forget);
  const getFixedT = instance.getFixedT.bind(instance) as (...args: unknown[]) => TFunction;
  instance.getFixedT = ((lng: unknown, ns: unknown, keyPrefix: unknown) => {
    const fixed = getFixedT(lng, ns, keyPrefix) as unknown as Plain;
    const scope = `${JSON.stringify([lng ?? null, ns ?? null, keyPrefix ?? null])}\u0000`;
    const t = (key: unknown, ...rest: unknown[]) => {
      if (rest.length > 0 || typeof key !== 'string') return fixed(key, ...rest);
      const id = scope + key;
      let value = remembered.get(id);
      if (value === undefined) {
        const result: unknown = fixed(key);
        // Only strings are kept (a key holding an object returns one with returnObjects).
        if (typeof result !== 'string') return result;
        value = result;
        remembered.set(id, value);
      }
      return value;
    };
    // The fixed function's own fields (lng, ns, keyPrefix) stay readable.
    return Object.assign(t, fixed) as unknown as TFunction;
  }) as I18n['getFixedT'];
}

type Plain = (key: unknown, ...rest: unknown[]) => unknown;
