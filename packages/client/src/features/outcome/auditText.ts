import type { TFunction } from 'i18next';
import type { AuditEntry, Minutes } from '@kenes/shared';

/**
 * The audit log in words: "Dana Seitkali gave the floor to Aigerim
 * Nurlanovna (UNDP)". The log stores a command and its JSON; ids in it are
 * named from the members and the minutes (interventions, agenda items,
 * recommendations), and a title or name carried in the command itself wins.
 */

/** Who and what the ids of an audit entry stand for. */
export interface AuditNames {
  person(userId: string | null | undefined): string | undefined;
  /** A queue entry that got the floor: "Name (Organisation)". */
  speaker(entryId: string | undefined): string | undefined;
  item(itemId: string | undefined): string | undefined;
  rec(recId: string | undefined): string | undefined;
}

/** Builds {@link AuditNames} from the meeting's members and (when loaded) its minutes. */
export function auditNames(
  members: ReadonlyArray<{ userId: string; name: string }>,
  minutes: Minutes | null,
): AuditNames {
  const people = new Map(members.map((m) => [m.userId, m.name]));
  const speakers = new Map<string, string>();
  const items = new Map<string, string>();
  const recs = new Map<string, string>();
  const sections = minutes ? [...minutes.items, minutes.outsideAgenda] : [];
  for (const s of sections) {
    for (const iv of s.interventions)
      speakers.set(iv.entryId, `${iv.speaker} (${iv.organisation})`);
    for (const r of s.recommendations) recs.set(r.id, r.title);
  }
  for (const item of minutes?.items ?? []) items.set(item.id, item.title);
  const get = (map: Map<string, string>) => (id: string | null | undefined) =>
    id ? map.get(id) : undefined;
  return { person: get(people), speaker: get(speakers), item: get(items), rec: get(recs) };
}

/** An audit entry's payload, read leniently: it may be truncated or from an older version. */
type Payload = Record<string, unknown>;

function parsePayload(json: string): Payload {
  try {
    const value: unknown = JSON.parse(json);
    return typeof value === 'object' && value !== null ? (value as Payload) : {};
  } catch {
    return {};
  }
}

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

/** What an audit entry says in words, and why it was refused (null when it was done). */
export interface AuditSentence {
  text: string;
  refusal: string | null;
}

/**
 * One audit entry as a sentence in the UI language. Unknown actions (a
 * newer server) fall back to "Name: action".
 *
 * @example describeAudit(entry, names, t) // { text: 'Dana gave the floor to Aigerim (UNDP)', refusal: null }
 */
export function describeAudit(
  entry: AuditEntry,
  names: AuditNames,
  t: TFunction,
  formatDuration: (ms: number) => string,
): AuditSentence {
  const p = parsePayload(entry.payload);
  const who = names.person(entry.userId) ?? t('audit.unknownUser');
  const quoted = (title: string | undefined) => (title ? `“${title}”` : t('audit.says.unnamed'));
  const item = () => quoted(str(p.title) ?? names.item(str(p.itemId)));
  const rec = () => quoted(str(p.title) ?? names.rec(str(p.recId)));
  const speaker = () =>
    names.speaker(str(p.entryId)) ?? str(p.speakerName) ?? t('audit.says.someSpeaker');
  const text = ((): string => {
    switch (entry.action) {
      case 'meeting.setStatus':
        return t('audit.says.meetingStatus', {
          who,
          status: t(`meetingStatus.${str(p.status) ?? 'live'}`),
        });
      case 'meeting.rename':
        return t('audit.says.meetingRename', { who, title: quoted(str(p.title)) });
      case 'meeting.queueSettings':
        if (p.speakingSeconds !== undefined || p.budgets !== undefined)
          return t('rules.auditChanged', { who });
        if (p.listOpen === true) return t('audit.says.listOpened', { who });
        if (p.listOpen === false) return t('audit.says.listClosed', { who });
        return t('audit.says.speakingTime', {
          who,
          duration: formatDuration((num(p.defaultSpeakingSeconds) ?? 0) * 1000),
        });
      case 'agenda.add':
        return t('audit.says.agendaAdd', { who, title: item() });
      case 'agenda.update':
        return t('audit.says.agendaUpdate', { who, title: item() });
      case 'agenda.move':
        return t('audit.says.agendaMove', {
          who,
          title: item(),
          position: (num(p.toIndex) ?? 0) + 1,
        });
      case 'agenda.remove':
        return t('audit.says.agendaRemove', { who, title: item() });
      case 'agenda.start':
        return t('audit.says.agendaStart', { who, title: item() });
      case 'agenda.complete':
        return p.itemId
          ? t('audit.says.agendaComplete', { who, title: item() })
          : t('audit.says.agendaCompleteCurrent', { who });
      case 'queue.request':
        return t('audit.says.queueRequest', {
          who,
          kind: t(`queue.kind.${str(p.kind) ?? 'speak'}`),
        });
      case 'queue.withdraw':
        return t('audit.says.queueWithdraw', { who });
      case 'queue.grant':
        return p.entryId
          ? t('audit.says.queueGrant', { who, speaker: speaker() })
          : t('audit.says.queueGrantNext', { who });
      case 'queue.finish':
        return p.entryId
          ? t('audit.says.queueFinishOf', { who, speaker: speaker() })
          : t('audit.says.queueFinish', { who });
      case 'queue.move':
        return t('audit.says.queueMove', {
          who,
          speaker: speaker(),
          position: (num(p.toIndex) ?? 0) + 1,
        });
      case 'queue.remove':
        return t('audit.says.queueRemove', { who, speaker: speaker() });
      case 'queue.addSpeaker':
        return t('audit.says.queueAddSpeaker', {
          who,
          speaker: `${str(p.name) ?? ''} (${str(p.organisation) ?? ''})`,
        });
      case 'queue.timer':
        if (p.action === 'pause') return t('audit.says.timerPause', { who });
        if (p.action === 'resume') return t('audit.says.timerResume', { who });
        return t('audit.says.timerExtend', {
          who,
          duration: formatDuration((num(p.seconds) ?? 0) * 1000),
        });
      case 'rec.create':
        return t('audit.says.recCreate', { who, title: rec() });
      case 'rec.rename':
        return t('audit.says.recRename', {
          who,
          title: quoted(names.rec(str(p.recId))),
          to: quoted(str(p.title)),
        });
      case 'rec.setStatus':
        return t('audit.says.recStatus', {
          who,
          title: rec(),
          status: t(`recs.status.${str(p.status) ?? 'draft'}`),
        });
      case 'rec.endorse':
        return t('audit.says.recEndorse', { who, title: rec() });
      case 'rec.unendorse':
        return t('audit.says.recUnendorse', { who, title: rec() });
      case 'rec.remove':
        return t('audit.says.recRemove', { who, title: rec() });
      case 'rec.restore':
        return t('audit.says.recRestore', { who, title: rec() });
      case 'position.set':
        return t('consensus.audit.set', {
          who,
          title: rec(),
          kind: t(`consensus.kind.${str(p.kind) ?? 'supports'}`),
        });
      case 'position.clear':
        return t('consensus.audit.clear', { who, title: rec() });
      case 'comment.create':
        return t('comments.audit.create', { who, title: rec() });
      case 'comment.reply':
        return t('comments.audit.reply', { who });
      case 'comment.resolve':
        return t('comments.audit.resolve', { who });
      case 'comment.reopen':
        return t('comments.audit.reopen', { who });
      case 'comment.hide':
        return t('comments.audit.hide', { who });
      case 'version.save':
        return t('audit.says.versionSave', { who, label: quoted(str(p.label)) });
      case 'version.restore':
        return t('agreed.auditRestore', { who, label: quoted(str(p.title)) });
      case 'member.setRole':
        return t('audit.says.memberRole', {
          who,
          member: names.person(str(p.userId)) ?? t('audit.unknownUser'),
          role: t(`role.${str(p.to) ?? 'participant'}`),
        });
      case 'member.remove':
        return t('audit.says.memberRemove', {
          who,
          member: names.person(str(p.userId)) ?? t('audit.unknownUser'),
        });
      case 'invite.create':
        return t('audit.says.inviteCreate', {
          who,
          role: t(`role.${str(p.role) ?? 'participant'}`),
        });
      case 'invite.revoke':
        return t('audit.says.inviteRevoke', {
          who,
          role: t(`role.${str(p.role) ?? 'participant'}`),
        });
      case 'invite.accept':
        return t('audit.says.inviteAccept', {
          who,
          role: t(`role.${str(p.role) ?? 'participant'}`),
        });
      case 'member.leave':
        return t('audit.says.memberLeave', { who });
      case 'invalid':
        return t('audit.says.invalid', { who });
      default:
        return t('audit.says.other', { who, action: entry.action });
    }
  })();
  return { text, refusal: entry.result === 'ok' ? null : refusalReason(entry.result, t) };
}

/** Error codes the audit explains in words; any other is shown as its code. */
const REASONS = [
  'forbidden',
  'not_found',
  'invalid_state',
  'validation_failed',
  'bad_request',
  'list_closed',
  'duplicate',
  'meeting_closed',
  'stale',
  'conflict',
  'unavailable',
  'confirmation_required',
] as const;

function refusalReason(code: string, t: TFunction): string {
  return (REASONS as readonly string[]).includes(code) ? t(`audit.reason.${code}`) : code;
}
