import type { TFunction } from 'i18next';
import { formatTime } from '../../i18n/format.js';
import type { Person } from './usePeople.js';

/**
 * What a suggestion says about itself: "Suggested by Dana Seitkali, Union of
 * Crisis Centres · 12:41". The person comes from the server's member records
 * (never from the mark); the time is the mark's `at`, printed in the
 * reader's language and time zone, or left out when the mark has none
 * (suggestions made before times were kept).
 *
 * @example suggesterLabel(t, 'ru', { name: 'Dana', organisation: 'UCC' }, at)
 */
export function suggesterLabel(
  t: TFunction,
  lang: string,
  person: Person | undefined,
  at: number | null,
): string {
  if (at === null)
    return person
      ? t('suggest.by', { name: person.name, organisation: person.organisation })
      : t('suggest.byUnknown');
  const time = formatTime(lang, at);
  return person
    ? t('suggest.byAt', { name: person.name, organisation: person.organisation, time })
    : t('suggest.byUnknownAt', { time });
}
