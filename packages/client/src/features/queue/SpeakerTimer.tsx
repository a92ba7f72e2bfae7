import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '@kenes/shared';
import { useNow } from '../../ui/useNow.js';
import { timerText, timerView } from './countdown.js';

/** Props of {@link SpeakerTimer}. */
export interface SpeakerTimerProps {
  entry: QueueEntry;
  clockOffset: number;
  /** `room` in the room's queue panel, `display` on the big screen. */
  size?: 'room' | 'display';
}

/**
 * The speaker's countdown, corrected for the server clock. In overtime it
 * counts up with a "+" and switches to the overtime style (colour *and* a
 * word, so the state never rests on colour alone). Not a live region: ticks
 * are not read aloud; the announcer says "one minute left" and "time is up".
 */
export function SpeakerTimer({ entry, clockOffset, size = 'room' }: SpeakerTimerProps) {
  const { t } = useTranslation();
  const now = useNow(entry.runningSince !== null);
  const view = timerView(entry, now, clockOffset);
  const state = view.paused
    ? t('queue.paused')
    : view.overtime
      ? t('queue.overtime')
      : t('queue.remaining');
  const text = timerText(view);
  return (
    <div
      className={`timer timer-${size}`}
      data-testid="speaker-timer"
      data-overtime={view.overtime}
      data-paused={view.paused}
      role="timer"
      aria-label={t('queue.timerLabel', { state, time: text })}
    >
      <span className="timer-state">{state}</span>
      <span className="timer-clock" data-testid="speaker-timer-clock">
        {text}
      </span>
    </div>
  );
}
