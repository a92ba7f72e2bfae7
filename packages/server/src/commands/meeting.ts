import {
  ErrorCode,
  organisationKey,
  patchMeeting,
  readMeeting,
  type MeetingStatus,
  type SpeakingTimes,
} from '@kenes/shared';
import { refuse, type Handlers } from './context.js';
import { completeActiveItem } from './agenda.js';
import { currentSpeaker, pauseSpeaker, queueEntries, settleWaiting } from './queue.js';

/**
 * The `meeting` root: status, title and queue settings.
 *
 * Status follows scheduled → live ⇄ adjourned → closed. A chair may reopen a
 * closed meeting to `live` or `adjourned` (either: the chair names the target,
 * e.g. adjourned to fix the record without running the meeting). Scheduled
 * may only go live: a meeting that never ran is not adjourned or closed.
 */

/** Statuses each status may move to. */
export const STATUS_TRANSITIONS: Readonly<Record<MeetingStatus, readonly MeetingStatus[]>> = {
  scheduled: ['live'],
  live: ['adjourned', 'closed'],
  adjourned: ['live', 'closed'],
  closed: ['live', 'adjourned'],
};

/** Handlers of the `meeting.*` commands. */
export const meetingHandlers: Pick<
  Handlers,
  'meeting.setStatus' | 'meeting.rename' | 'meeting.setDetails' | 'meeting.queueSettings'
> = {
  'meeting.setStatus'(ctx, { status, endCurrentTurn }) {
    const from = readMeeting(ctx.doc).status;
    if (!STATUS_TRANSITIONS[from].includes(status)) {
      refuse(409, ErrorCode.invalidState, `A ${from} meeting cannot become ${status}`);
    }
    if (status === 'adjourned') {
      // A break stops the clock; the chair resumes the speaker explicitly after it.
      const speaker = currentSpeaker(queueEntries(ctx.doc));
      if (speaker) pauseSpeaker(ctx, speaker);
    }
    if (status === 'closed') {
      const speaker = currentSpeaker(queueEntries(ctx.doc));
      if (speaker && endCurrentTurn !== true) {
        refuse(
          409,
          ErrorCode.confirmationRequired,
          `${speaker.entry.name} has the floor: send endCurrentTurn: true to end the turn and close`,
        );
      }
      // Closing ends the turn and the item under discussion, so the record has their ends,
      // and every request still waiting (on any item): a closed meeting gives no floor.
      completeActiveItem(ctx, { endCurrentTurn: true, waitingRequests: 'end' }, null);
      settleWaiting(ctx, undefined, 'end', null);
    }
    patchMeeting(ctx.doc, { status });
  },

  'meeting.rename'(ctx, { title }) {
    patchMeeting(ctx.doc, { title });
  },

  'meeting.setDetails'(ctx, { title, startsAt, venue, description }) {
    // Only the fields sent change; patchMeeting skips undefined ones.
    patchMeeting(ctx.doc, { title, startsAt, venue, description });
  },

  'meeting.queueSettings'(ctx, { listOpen, defaultSpeakingSeconds, speakingSeconds, budgets }) {
    const current = readMeeting(ctx.doc);
    if (budgets !== undefined) {
      // One budget per target: two for "NGO" would count the same turns twice.
      const seen = new Set<string>();
      for (const b of budgets) {
        const key = `${b.scope}:${b.scope === 'organisation' ? organisationKey(b.target) : b.target}`;
        if (seen.has(key)) refuse(409, ErrorCode.duplicate, `Two budgets for ${b.target}`);
        seen.add(key);
      }
    }
    // Waiting entries pick up the new times when granted; the current speaker keeps its limit.
    const was = current.speakingSeconds;
    const times: SpeakingTimes | undefined =
      defaultSpeakingSeconds === undefined && speakingSeconds === undefined
        ? undefined
        : {
            speak: speakingSeconds?.speak ?? defaultSpeakingSeconds ?? was.speak,
            reply: speakingSeconds?.reply ?? was.reply,
            point_of_order: speakingSeconds?.point_of_order ?? was.point_of_order,
          };
    patchMeeting(ctx.doc, {
      listOpen,
      ...(times && { speakingSeconds: times, defaultSpeakingSeconds: times.speak }),
      budgets: budgets?.map(({ scope, target, seconds }) => ({ scope, target, seconds })),
    });
  },
};
