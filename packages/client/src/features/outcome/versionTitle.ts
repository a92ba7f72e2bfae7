import type { TFunction } from 'i18next';
import type { VersionMeta } from '@kenes/shared';

/**
 * A version's name as users read it: the chair's label for one saved by
 * hand; for one the server saved, words in the UI language around what its
 * label holds (the agreed title, the restored version's label).
 *
 * @example versionTitle(t, { kind: 'agreed', label: 'Fund shelters', … }) // 'Agreed: Fund shelters'
 */
export function versionTitle(t: TFunction, v: Pick<VersionMeta, 'kind' | 'label'>): string {
  switch (v.kind) {
    case 'agreed':
      return t('agreed.kindAgreed', { title: v.label });
    case 'closed':
      return t('agreed.kindClosed');
    case 'restore':
      return t('agreed.kindRestore', { label: v.label });
    default:
      return v.label;
  }
}
