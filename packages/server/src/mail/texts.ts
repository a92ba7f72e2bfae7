import type { Language, Role } from '@kenes/shared';

/**
 * Every sentence Kenes e-mails, in its three languages: one place, so a
 * translation is checked beside the others. `{name}` placeholders are filled
 * by `fill` (plain text; the HTML version escapes the values first).
 */
export interface MailTexts {
  role: Readonly<Record<Role, string>>;
  inviteSubject: string;
  /** `{inviter}`, `{organisation}`, `{title}`, `{role}`. */
  inviteIntro: string;
  /** `{date}`. */
  inviteDate: string;
  inviteNoDate: string;
  inviteAction: string;
  /** `{expires}`. */
  inviteExpires: string;
  /** `{uses}`. */
  inviteUses: string;
  inviteIgnore: string;
  resetSubject: string;
  /** `{email}`. */
  resetIntro: string;
  resetAction: string;
  /** `{expires}`. */
  resetExpires: string;
  resetIgnore: string;
  /** The signature line. */
  footer: string;
}

const en: MailTexts = {
  role: { chair: 'chair', participant: 'participant', observer: 'observer' },
  inviteSubject: 'Invitation to “{title}”',
  inviteIntro:
    '{inviter} ({organisation}) invites you to the meeting “{title}” on Kenes as {role}.',
  inviteDate: 'Date: {date}',
  inviteNoDate: 'Date: not set yet',
  inviteAction: 'Open this link to join the meeting (create an account or sign in there):',
  inviteExpires: 'The link is valid until {expires}.',
  inviteUses: 'It can be used {uses} time(s).',
  inviteIgnore: 'If you did not expect this invitation, you can ignore this e-mail.',
  resetSubject: 'Reset your Kenes password',
  resetIntro: 'Someone asked to reset the password of the Kenes account {email}.',
  resetAction: 'To choose a new password, open this link:',
  resetExpires: 'The link works once, until {expires}.',
  resetIgnore: 'If you did not ask for this, ignore this e-mail: your password stays as it is.',
  footer: 'Kenes — consultative meetings, drafted together',
};

const ru: MailTexts = {
  role: { chair: 'председателя', participant: 'участника', observer: 'наблюдателя' },
  inviteSubject: 'Приглашение на заседание «{title}»',
  inviteIntro:
    '{inviter} ({organisation}) приглашает вас на заседание «{title}» в Kenes в качестве {role}.',
  inviteDate: 'Дата: {date}',
  inviteNoDate: 'Дата: пока не назначена',
  inviteAction:
    'Чтобы присоединиться, откройте ссылку (там можно создать учётную запись или войти):',
  inviteExpires: 'Ссылка действительна до {expires}.',
  inviteUses: 'Число использований: {uses}.',
  inviteIgnore: 'Если вы не ждали этого приглашения, просто не отвечайте на это письмо.',
  resetSubject: 'Сброс пароля Kenes',
  resetIntro: 'Поступил запрос на сброс пароля учётной записи Kenes {email}.',
  resetAction: 'Чтобы задать новый пароль, откройте ссылку:',
  resetExpires: 'Ссылка работает один раз, до {expires}.',
  resetIgnore:
    'Если вы этого не запрашивали, не обращайте внимания на письмо: пароль останется прежним.',
  footer: 'Kenes — консультативные заседания, совместная работа над текстами',
};

const kk: MailTexts = {
  role: { chair: 'төраға', participant: 'қатысушы', observer: 'бақылаушы' },
  inviteSubject: '«{title}» отырысына шақыру',
  inviteIntro:
    '{inviter} ({organisation}) сізді Kenes жүйесіндегі «{title}» отырысына {role} ретінде шақырады.',
  inviteDate: 'Күні: {date}',
  inviteNoDate: 'Күні: әлі белгіленбеген',
  inviteAction:
    'Отырысқа қосылу үшін сілтемені ашыңыз (онда тіркелгі жасауға немесе кіруге болады):',
  inviteExpires: 'Сілтеме {expires} дейін жарамды.',
  inviteUses: 'Пайдалану саны: {uses}.',
  inviteIgnore: 'Бұл шақыруды күтпеген болсаңыз, хатты елемеуге болады.',
  resetSubject: 'Kenes құпиясөзін қалпына келтіру',
  resetIntro: '{email} Kenes тіркелгісінің құпиясөзін қалпына келтіру сұралды.',
  resetAction: 'Жаңа құпиясөз орнату үшін сілтемені ашыңыз:',
  resetExpires: 'Сілтеме бір рет, {expires} дейін жұмыс істейді.',
  resetIgnore: 'Мұны сіз сұрамасаңыз, хатты елемеңіз: құпиясөзіңіз өзгермейді.',
  footer: 'Kenes — кеңес отырыстары, мәтіндерді бірге әзірлеу',
};

/** The mail texts of each language. */
export const MAIL_TEXTS: Readonly<Record<Language, MailTexts>> = { en, ru, kk };

/** `template` with each `{key}` replaced by `values[key]` (unknown keys stay as written). */
export function fill(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
