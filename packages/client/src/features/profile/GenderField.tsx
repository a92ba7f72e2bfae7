import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDER_STATS_MIN_SPEAKERS, GENDERS } from '@kenes/shared';
import { KEPT_GENDER, NO_GENDER, type GenderChoice } from './profileForm.js';

/**
 * The optional gender question of sign-up and the profile, with what the
 * answer is used for: only the anonymised speaking-time statistics, which show
 * a breakdown by gender only above the threshold the server applies
 * (`GENDER_STATS_MIN_SPEAKERS`). `kept` is a free-text answer from before the
 * fixed list, offered as it is so that the form can leave it unchanged.
 */
export function GenderField({
  value,
  onChange,
  kept,
}: {
  value: GenderChoice;
  onChange: (value: GenderChoice) => void;
  /** The account's free-text gender, when it holds one. */
  kept?: string | null;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  return (
    <>
      <label>
        {t('profile.gender')}
        <select
          name="gender"
          value={value}
          aria-describedby={hintId}
          onChange={(e) => onChange(e.target.value as GenderChoice)}
        >
          <option value={NO_GENDER}>{t('profile.genderNone')}</option>
          {GENDERS.map((g) => (
            <option key={g} value={g}>
              {t(`gender.${g}`)}
            </option>
          ))}
          {kept ? (
            <option value={KEPT_GENDER}>{t('profile.genderKept', { value: kept })}</option>
          ) : null}
        </select>
      </label>
      <p id={hintId} className="hint small">
        {t('profile.genderHint', { n: GENDER_STATS_MIN_SPEAKERS })}
      </p>
    </>
  );
}
