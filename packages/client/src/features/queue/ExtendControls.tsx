import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SpeakingLimits } from '@kenes/shared';
import { durationText, parseDuration } from '../rules/duration.js';

/** The amounts offered as one click, seconds. */
export const EXTEND_CHOICES = [30, 60, 120] as const;

/** Props of {@link ExtendControls}. */
export interface ExtendControlsProps {
  /** Sends the extension (the caller names the speaker and guards double clicks). */
  onExtend: (seconds: number) => void;
  busy: boolean;
}

/**
 * Extend the speaker's time by a chosen amount: +0:30, +1:00, +2:00, or any
 * other amount typed as minutes:seconds (the server bounds one extension and
 * the whole turn; the field mirrors the first bound).
 */
export function ExtendControls({ onExtend, busy }: ExtendControlsProps) {
  const { t } = useTranslation();
  const [custom, setCustom] = useState('');
  const [invalid, setInvalid] = useState(false);
  const inputId = useId();
  const errorId = useId();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const seconds = parseDuration(custom, 1, SpeakingLimits.maxExtendSeconds);
    setInvalid(seconds === null);
    if (seconds === null || busy) return;
    onExtend(seconds);
    setCustom('');
  };

  return (
    <form
      className="extend-controls"
      aria-label={t('rules.extendGroup')}
      onSubmit={submit}
      data-testid="extend-controls"
    >
      {EXTEND_CHOICES.map((seconds) => (
        <button
          key={seconds}
          type="button"
          aria-disabled={busy}
          aria-label={t('rules.extendBy', { time: durationText(seconds) })}
          onClick={() => {
            if (!busy) onExtend(seconds);
          }}
        >
          +{durationText(seconds)}
        </button>
      ))}
      <label htmlFor={inputId} className="small">
        {t('rules.extendCustom')}
        <input
          id={inputId}
          inputMode="numeric"
          placeholder="1:30"
          value={custom}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          onChange={(e) => setCustom(e.target.value)}
        />
      </label>
      <button type="submit" aria-disabled={busy}>
        {t('rules.extendCustomSubmit')}
      </button>
      {invalid && (
        <p id={errorId} role="alert" className="error">
          {t('rules.extendInvalid')}
        </p>
      )}
    </form>
  );
}
