import { useEffect, useState } from 'react';
import { displayOrganisationKey, type OrganisationKeyOf } from '@kenes/shared';

let loaded: OrganisationKeyOf | null = null;
let loading: Promise<OrganisationKeyOf> | null = null;

/**
 * Loads shared's `organisationKey` (its confusables table is ~30 KiB gzip)
 * in a chunk of its own, once.
 */
export function loadOrganisationKey(): Promise<OrganisationKeyOf> {
  loading ??= import('@kenes/shared/organisation').then((m) => {
    loaded = m.organisationKey;
    return loaded;
  });
  return loading;
}

/**
 * How the browser compares organisation names (budgets per organisation,
 * suggestions grouped by organisation): the server's `organisationKey` once
 * loaded; until then (only while `needed`, for the first few ms) the
 * reader's key, case aside, which differs only for lookalike letters. When
 * never `needed` (no such budget, no suggestion) the table is never fetched.
 */
export function useOrganisationKey(needed: boolean): OrganisationKeyOf {
  const [keyOf, setKeyOf] = useState<OrganisationKeyOf | null>(() => loaded);
  useEffect(() => {
    if (!needed || keyOf !== null) return;
    let live = true;
    void loadOrganisationKey().then((k) => live && setKeyOf(() => k));
    return () => {
      live = false;
    };
  }, [needed, keyOf]);
  return keyOf ?? displayOrganisationKey;
}
