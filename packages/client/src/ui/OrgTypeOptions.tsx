import { useTranslation } from 'react-i18next';
import { ORG_TYPES } from '@kenes/shared';

/** The `<option>`s of an organisation-type select, one per type, in the UI language. */
export function OrgTypeOptions() {
  const { t } = useTranslation();
  return (
    <>
      {ORG_TYPES.map((o) => (
        <option key={o} value={o}>
          {t(`orgType.${o}`)}
        </option>
      ))}
    </>
  );
}
