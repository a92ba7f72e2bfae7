import type { Language, PositionKind } from '@kenes/shared';

/**
 * The words the exports print about positions (issue 19), in the three
 * languages, kept beside `i18n.ts` rather than in it: a footnote is a
 * sentence with the organisation's name in it, not a label.
 */
export interface PositionWords {
  /** Heading of the positions frozen with an agreement (minutes). */
  positionsAtAgreement: string;
  /** An agreed text no organisation took a position on. */
  noPositions: string;
  kind: Readonly<Record<PositionKind, string>>;
  /** The footnote of a reservation in the outcome document. */
  reservationNote(organisation: string, text: string): string;
}

/**
 * English names of bodies read with "the" ("the Ministry of …") start with
 * one of these words; a proper name ("Kadir-Kasiyet", "UNDP") does not.
 */
const COMMON_NOUN_START =
  /^(ministry|office|parliament|committee|commission|council|agency|department|embassy|national|supreme|senate|mazhilis|ombudsman|state|general|prosecutor|federation|union|association|coalition|centre|center|bureau|institute|foundation|network|alliance)\b/i;

/** "The Ministry of Internal Affairs", "Kadir-Kasiyet": an organisation as the subject of a sentence. */
function englishSubject(organisation: string): string {
  return COMMON_NOUN_START.test(organisation) ? `The ${organisation}` : organisation;
}

const en: PositionWords = {
  positionsAtAgreement: 'Positions when agreed',
  noPositions: 'No organisation took a position.',
  kind: {
    supports: 'supports',
    can_accept: 'can accept',
    reservation: 'reservation',
    objects: 'objects',
  },
  reservationNote: (org, text) => `${englishSubject(org)} entered a reservation: ${text}`,
};

const ru: PositionWords = {
  positionsAtAgreement: 'Позиции на момент согласования',
  noPositions: 'Ни одна организация не заявила позицию.',
  kind: {
    supports: 'поддерживает',
    can_accept: 'может принять',
    reservation: 'оговорка',
    objects: 'возражает',
  },
  // A neutral construction: the verb would otherwise agree with the organisation's gender.
  reservationNote: (org, text) => `Оговорка, заявленная организацией «${org}»: ${text}`,
};

const kk: PositionWords = {
  positionsAtAgreement: 'Келісілген кездегі ұстанымдар',
  noPositions: 'Бірде-бір ұйым ұстанымын білдірмеді.',
  kind: {
    supports: 'қолдайды',
    can_accept: 'қабылдай алады',
    reservation: 'ескертпе',
    objects: 'қарсы',
  },
  reservationNote: (org, text) => `«${org}» ұйымы ескертпе жасады: ${text}`,
};

const WORDS: Readonly<Record<Language, PositionWords>> = { en, ru, kk };

/** The position words of `lang`. */
export function positionWords(lang: Language): PositionWords {
  return WORDS[lang];
}
