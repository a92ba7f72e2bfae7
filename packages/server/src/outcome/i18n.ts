import type {
  AgendaStatus,
  Language,
  OrgType,
  RecommendationStatus,
  RequestKind,
} from '@kenes/shared';

/**
 * The words the exports print, in the three languages of Kenes. Only fixed
 * labels are translated; what people wrote (titles, texts, names) is printed
 * as written.
 */
export interface ExportWords {
  outcomeTitle: string;
  minutesTitle: string;
  meeting: string;
  generated: string;
  agendaItem: string;
  otherRecommendations: string;
  noRecommendations: string;
  status: string;
  proposedBy: string;
  endorsedBy: string;
  noEndorsements: string;
  emptyText: string;
  planned: string;
  actual: string;
  started: string;
  ended: string;
  interventions: string;
  noInterventions: string;
  speaker: string;
  organisation: string;
  /** Column heading of the organisation type. */
  orgTypeColumn: string;
  kind: string;
  duration: string;
  recommendations: string;
  interventionsOutsideAgenda: string;
  speakingTime: string;
  total: string;
  /** Statuses and kinds below use the room's words (client `recs.status`, `agenda.itemStatus`, `queue.kind`). */
  recStatus: Readonly<Record<RecommendationStatus, string>>;
  agendaStatus: Readonly<Record<AgendaStatus, string>>;
  requestKind: Readonly<Record<RequestKind, string>>;
  orgType: Readonly<Record<OrgType, string>>;
  /** Marks an intervention still under way when the minutes were made. */
  speakingNow: string;
  /** Marks an intervention the chair cut short. */
  interrupted: string;
  /** Under the title of the outcome with tracked changes (issue 18): what the changes are. */
  trackedNote: string;
  /**
   * The author of a tracked change whose suggester is no member of the meeting now (the guard
   * checked the mark against its sender, so they were one): the client's "former member".
   */
  formerMember: string;
  /** The minutes' table of suggestions by organisation (issue 18): heading, note, columns. */
  suggestionsByOrganisation: string;
  suggestionsNote: string;
  suggestionsMade: string;
  suggestionsAccepted: string;
  suggestionsRejected: string;
  suggestionsPending: string;
  /** The row of suggesters whose organisation cannot be told. */
  unknownOrganisation: string;
}

const en: ExportWords = {
  outcomeTitle: 'Outcome document',
  minutesTitle: 'Minutes',
  meeting: 'Meeting',
  generated: 'Generated',
  agendaItem: 'Agenda item',
  otherRecommendations: 'Other recommendations',
  noRecommendations: 'No recommendations.',
  status: 'Status',
  proposedBy: 'Proposed by',
  endorsedBy: 'Endorsed by',
  noEndorsements: 'none',
  emptyText: '(no text)',
  planned: 'Planned',
  actual: 'Actual',
  started: 'Started',
  ended: 'Ended',
  interventions: 'Interventions',
  noInterventions: 'No interventions.',
  speaker: 'Speaker',
  organisation: 'Organisation',
  orgTypeColumn: 'Type',
  kind: 'Kind',
  duration: 'Duration',
  recommendations: 'Recommendations',
  interventionsOutsideAgenda: 'Outside the agenda',
  speakingTime: 'Speaking time',
  total: 'Total',
  recStatus: { draft: 'Draft', discussed: 'Discussed', agreed: 'Agreed', withdrawn: 'Withdrawn' },
  agendaStatus: {
    pending: 'Pending',
    active: 'Under discussion',
    done: 'Done',
    removed: 'Removed',
  },
  requestKind: { speak: 'Speak', reply: 'Reply', point_of_order: 'Point of order' },
  orgType: {
    government: 'Government body',
    parliament: 'Parliament',
    nhri: 'National human-rights institution',
    ngo: 'NGO',
    international: 'International organisation',
    other: 'Other',
  },
  speakingNow: 'speaking now',
  interrupted: 'interrupted',
  trackedNote:
    'Pending suggestions are shown as tracked changes; the author of each change is the organisation that suggested it.',
  formerMember: 'Former member',
  suggestionsByOrganisation: 'Suggestions by organisation',
  suggestionsNote:
    'Suggested insertions and deletions in the texts. Made = accepted + rejected + pending; suggestions withdrawn by their authors are not counted.',
  suggestionsMade: 'Made',
  suggestionsAccepted: 'Accepted',
  suggestionsRejected: 'Rejected',
  suggestionsPending: 'Pending',
  unknownOrganisation: 'Unknown',
};

const ru: ExportWords = {
  outcomeTitle: 'Итоговый документ',
  minutesTitle: 'Протокол',
  meeting: 'Заседание',
  generated: 'Сформирован',
  agendaItem: 'Пункт повестки',
  otherRecommendations: 'Прочие рекомендации',
  noRecommendations: 'Рекомендаций нет.',
  status: 'Статус',
  proposedBy: 'Предложено',
  endorsedBy: 'Поддержали',
  noEndorsements: 'нет',
  emptyText: '(текста нет)',
  planned: 'План',
  actual: 'Факт',
  started: 'Начало',
  ended: 'Окончание',
  interventions: 'Выступления',
  noInterventions: 'Выступлений не было.',
  speaker: 'Выступающий',
  organisation: 'Организация',
  orgTypeColumn: 'Тип',
  kind: 'Вид',
  duration: 'Длительность',
  recommendations: 'Рекомендации',
  interventionsOutsideAgenda: 'Вне повестки',
  speakingTime: 'Время выступлений',
  total: 'Итого',
  recStatus: {
    draft: 'Проект',
    discussed: 'Обсуждена',
    agreed: 'Согласована',
    withdrawn: 'Отозвана',
  },
  agendaStatus: {
    pending: 'Ожидает',
    active: 'Обсуждается',
    done: 'Завершён',
    removed: 'Удалён',
  },
  requestKind: { speak: 'Выступление', reply: 'Реплика', point_of_order: 'По порядку ведения' },
  orgType: {
    government: 'Государственный орган',
    parliament: 'Парламент',
    nhri: 'Национальное правозащитное учреждение',
    ngo: 'НПО',
    international: 'Международная организация',
    other: 'Другое',
  },
  speakingNow: 'выступает',
  interrupted: 'прервано',
  trackedNote:
    'Предложения, по которым ещё не принято решение, показаны как исправления; автор каждого исправления — организация, которая его предложила.',
  formerMember: 'Бывший участник',
  suggestionsByOrganisation: 'Предложения по организациям',
  suggestionsNote:
    'Предложенные вставки и удаления в текстах. Внесено = принято + отклонено + на рассмотрении; предложения, отозванные авторами, не учитываются.',
  suggestionsMade: 'Внесено',
  suggestionsAccepted: 'Принято',
  suggestionsRejected: 'Отклонено',
  suggestionsPending: 'На рассмотрении',
  unknownOrganisation: 'Неизвестно',
};

const kk: ExportWords = {
  outcomeTitle: 'Қорытынды құжат',
  minutesTitle: 'Хаттама',
  meeting: 'Отырыс',
  generated: 'Жасалған',
  agendaItem: 'Күн тәртібінің мәселесі',
  otherRecommendations: 'Басқа ұсынымдар',
  noRecommendations: 'Ұсынымдар жоқ.',
  status: 'Мәртебесі',
  proposedBy: 'Ұсынған',
  endorsedBy: 'Қолдағандар',
  noEndorsements: 'жоқ',
  emptyText: '(мәтін жоқ)',
  planned: 'Жоспар',
  actual: 'Нақты',
  started: 'Басталды',
  ended: 'Аяқталды',
  interventions: 'Сөз сөйлегендер',
  noInterventions: 'Сөз сөйлеген жоқ.',
  speaker: 'Сөйлеуші',
  organisation: 'Ұйым',
  orgTypeColumn: 'Ұйым түрі',
  kind: 'Түрі',
  duration: 'Ұзақтығы',
  recommendations: 'Ұсынымдар',
  interventionsOutsideAgenda: 'Күн тәртібінен тыс',
  speakingTime: 'Сөйлеу уақыты',
  total: 'Барлығы',
  recStatus: {
    draft: 'Жоба',
    discussed: 'Талқыланды',
    agreed: 'Келісілді',
    withdrawn: 'Қайтарылды',
  },
  agendaStatus: {
    pending: 'Күтуде',
    active: 'Талқылануда',
    done: 'Аяқталды',
    removed: 'Алынып тасталды',
  },
  requestKind: { speak: 'Сөз сөйлеу', reply: 'Реплика', point_of_order: 'Регламент бойынша' },
  orgType: {
    government: 'Мемлекеттік орган',
    parliament: 'Парламент',
    nhri: 'Ұлттық адам құқықтары институты',
    ngo: 'ҮЕҰ',
    international: 'Халықаралық ұйым',
    other: 'Басқа',
  },
  speakingNow: 'сөйлеп тұр',
  interrupted: 'үзілді',
  trackedNote:
    'Шешімі шықпаған ұсыныстар түзетулер ретінде көрсетілген; әр түзетудің авторы — оны ұсынған ұйым.',
  formerMember: 'Бұрынғы қатысушы',
  suggestionsByOrganisation: 'Ұйымдар бойынша ұсыныстар',
  suggestionsNote:
    'Мәтіндерге ұсынылған қосулар мен өшірулер. Енгізілгені = қабылданғаны + қабылданбағаны + қаралмағаны; авторлары кері қайтарып алған ұсыныстар есептелмейді.',
  suggestionsMade: 'Енгізілді',
  suggestionsAccepted: 'Қабылданды',
  suggestionsRejected: 'Қабылданбады',
  suggestionsPending: 'Қаралмаған',
  unknownOrganisation: 'Белгісіз',
};

/** Export labels by language. */
export const EXPORT_WORDS: Readonly<Record<Language, ExportWords>> = { en, ru, kk };

/** The labels of one language. */
export function exportWords(lang: Language): ExportWords {
  return EXPORT_WORDS[lang];
}

/** What decides an export's language, besides an explicit `lang`. */
export interface LanguageSources {
  /** The meeting's creator. */
  createdBy: string;
  /** Chairs of the meeting with their account language, in the order they joined. */
  chairs: ReadonlyArray<{ userId: string; language: Language }>;
}

/**
 * The language of a meeting's exports: an explicit choice wins; otherwise
 * the account language of the chair who created the meeting, or, if they
 * are no longer a chair, of the longest-serving chair; English when there
 * is none.
 *
 * @example meetingLanguage(query.lang, { createdBy, chairs }) // 'ru'
 */
export function meetingLanguage(
  explicit: Language | undefined,
  sources: LanguageSources,
): Language {
  if (explicit) return explicit;
  const creator = sources.chairs.find((c) => c.userId === sources.createdBy);
  return (creator ?? sources.chairs[0])?.language ?? 'en';
}
