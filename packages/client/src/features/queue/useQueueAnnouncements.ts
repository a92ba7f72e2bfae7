import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '@kenes/shared';
import { useAnnounce } from '../../ui/Announcer.js';
import { useNow } from '../../ui/useNow.js';
import { timerCue, timerView, type TimerView } from './countdown.js';
import type { QueueView } from './queueView.js';

/**
 * Speaks the queue's moments through the live regions: "now speaking: name,
 * organisation" when the floor changes, "you are next" when my request
 * reaches the head of the list, "one minute left" and "time is up" as the
 * speaker's timer crosses them.
 */
export function useQueueAnnouncements(view: QueueView, userId: string, clockOffset: number): void {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const { speaking, waiting } = view;

  const lastSpeaker = useRef<string | null>(null);
  useEffect(() => {
    const id = speaking?.id ?? null;
    if (id !== null && id !== lastSpeaker.current && speaking) {
      announce(
        t('announce.nowSpeaking', { name: speaking.name, organisation: speaking.organisation }),
      );
    }
    lastSpeaker.current = id;
  }, [speaking, announce, t]);

  const nextIsMe = waiting[0]?.userId === userId;
  const wasNext = useRef(false);
  useEffect(() => {
    if (nextIsMe && !wasNext.current) announce(t('announce.youAreNext'), 'assertive');
    wasNext.current = nextIsMe;
  }, [nextIsMe, announce, t]);

  const now = useNow(speaking !== null && speaking.runningSince !== null, 500);
  const lastView = useRef<{ id: string; view: TimerView } | null>(null);
  useEffect(() => {
    if (speaking === null) {
      lastView.current = null;
      return;
    }
    const current = timerView(speaking as QueueEntry, now, clockOffset);
    const before = lastView.current;
    if (before !== null && before.id === speaking.id) {
      const cue = timerCue(before.view, current);
      if (cue === 'oneMinute') announce(t('announce.oneMinute'));
      if (cue === 'timeUp') announce(t('announce.timeUp'), 'assertive');
    }
    lastView.current = { id: speaking.id, view: current };
  }, [speaking, now, clockOffset, announce, t]);
}
