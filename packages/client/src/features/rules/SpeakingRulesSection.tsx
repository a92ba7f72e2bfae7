import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  BUDGET_SCOPES,
  REQUEST_KINDS,
  SpeakingLimits,
  readMeeting,
  type BudgetScope,
  type MeetingInfo,
  type RequestKind,
  type TimeBudget,
} from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';
import { ErrorText } from '../../ui/ErrorText.js';
import { useRoom } from '../meeting/RoomContext.js';
import { useCommand } from '../meeting/useCommand.js';
import { durationText, parseDuration } from './duration.js';
import './rules.css';
import { OrgTypeOptions } from '../../ui/OrgTypeOptions.js';

/** One budget as typed in the form (texts, checked on save). */
interface BudgetDraft {
  key: number;
  scope: BudgetScope;
  target: string;
  total: string;
}

/** Keys of rows added in the form; rows read from the document are keyed by position. */
let draftKeys = 1_000_000;
function draftOf(b: TimeBudget, index: number): BudgetDraft {
  return { key: index, scope: b.scope, target: b.target, total: durationText(b.seconds) };
}
/** The times and the list as typed in the form. */
interface TimesDraft {
  times: Record<RequestKind, string>;
  listOpen: boolean;
}

function timesOf(m: MeetingInfo): Record<RequestKind, string> {
  return {
    speak: durationText(m.speakingSeconds.speak),
    reply: durationText(m.speakingSeconds.reply),
    point_of_order: durationText(m.speakingSeconds.point_of_order),
  };
}

/**
 * The chair's speaking rules, in the room under the queue: speaking time per
 * kind of turn, whether the list is open, and time budgets per type of
 * organisation or per organisation. Each part is saved with one
 * `meeting.queueSettings` (the server checks the chair and the bounds);
 * what the fields hold follows the document until the chair edits them.
 */
export function SpeakingRulesSection() {
  const { t } = useTranslation();
  const { doc } = useRoom();
  const meeting = useDocValue(doc, readMeeting);
  const times = useCommand();
  const budgetsCmd = useCommand();
  // While a part is not being edited it shows the document (another chair's change, or
  // this one's save); the first edit copies it into a draft, a successful save drops the draft.
  const [timesEdit, setTimesEdit] = useState<TimesDraft | null>(null);
  const [timesInvalid, setTimesInvalid] = useState(false);
  const [timesSaved, setTimesSaved] = useState(false);
  const [budgetsEdit, setBudgetsEdit] = useState<BudgetDraft[] | null>(null);
  const [budgetsInvalid, setBudgetsInvalid] = useState(false);
  const [budgetsSaved, setBudgetsSaved] = useState(false);
  const ids = useId();
  const { times: timesDraft, listOpen } = timesEdit ?? {
    times: timesOf(meeting),
    listOpen: meeting.listOpen,
  };
  const budgets = budgetsEdit ?? meeting.budgets.map(draftOf);
  const editTimes = (patch: Partial<TimesDraft>) => {
    setTimesSaved(false);
    setTimesEdit({ times: timesDraft, listOpen, ...patch });
  };
  const setBudgets = (change: (list: BudgetDraft[]) => BudgetDraft[]) => {
    setBudgetsSaved(false);
    setBudgetsEdit(change(budgets));
  };

  const saveTimes = async (e: FormEvent) => {
    e.preventDefault();
    setTimesSaved(false);
    const seconds = Object.fromEntries(
      REQUEST_KINDS.map((k) => [
        k,
        parseDuration(timesDraft[k], SpeakingLimits.minTurnSeconds, SpeakingLimits.maxTurnSeconds),
      ]),
    ) as Record<RequestKind, number | null>;
    const bad = REQUEST_KINDS.some((k) => seconds[k] === null);
    setTimesInvalid(bad);
    if (bad) return;
    const ok = await times.send({
      type: 'meeting.queueSettings',
      listOpen,
      speakingSeconds: seconds as Record<RequestKind, number>,
    });
    if (ok) {
      setTimesEdit(null);
      setTimesSaved(true);
    }
  };

  const saveBudgets = async (e: FormEvent) => {
    e.preventDefault();
    setBudgetsSaved(false);
    const parsed = budgets.map((b) => ({
      scope: b.scope,
      target: b.target.trim(),
      seconds: parseDuration(
        b.total,
        SpeakingLimits.minBudgetSeconds,
        SpeakingLimits.maxBudgetSeconds,
      ),
    }));
    const bad = parsed.some((b) => b.seconds === null || b.target === '');
    setBudgetsInvalid(bad);
    if (bad) return;
    const ok = await budgetsCmd.send({
      type: 'meeting.queueSettings',
      budgets: parsed.map((b) => ({ ...b, seconds: b.seconds ?? 0 })),
    });
    if (ok) {
      setBudgetsEdit(null);
      setBudgetsSaved(true);
    }
  };

  const editBudget = (key: number, patch: Partial<BudgetDraft>) =>
    setBudgets((list) => list.map((b) => (b.key === key ? { ...b, ...patch } : b)));

  return (
    <details className="speaking-rules" data-testid="speaking-rules">
      <summary>{t('rules.title')}</summary>
      <form onSubmit={(e) => void saveTimes(e)} aria-labelledby={`${ids}-times`} noValidate>
        <fieldset>
          <legend id={`${ids}-times`}>{t('rules.timesLegend')}</legend>
          <p className="hint small" id={`${ids}-times-hint`}>
            {t('rules.timeHint')}
          </p>
          <div className="grid-form">
            {REQUEST_KINDS.map((kind) => (
              <label key={kind}>
                {t(`queue.kind.${kind}`)}
                <input
                  name={`time-${kind}`}
                  inputMode="numeric"
                  value={timesDraft[kind]}
                  aria-describedby={`${ids}-times-hint`}
                  aria-invalid={
                    timesInvalid &&
                    parseDuration(
                      timesDraft[kind],
                      SpeakingLimits.minTurnSeconds,
                      SpeakingLimits.maxTurnSeconds,
                    ) === null
                  }
                  onChange={(e) => editTimes({ times: { ...timesDraft, [kind]: e.target.value } })}
                />
              </label>
            ))}
          </div>
          <label className="inline">
            <input
              type="checkbox"
              name="listOpen"
              checked={listOpen}
              aria-describedby={`${ids}-list-hint`}
              onChange={(e) => editTimes({ listOpen: e.target.checked })}
            />
            {t('rules.listOpen')}
          </label>
          <p className="hint small" id={`${ids}-list-hint`}>
            {t('rules.listHint')}
          </p>
          {timesInvalid && (
            <p role="alert" className="error">
              {t('rules.timeInvalid')}
            </p>
          )}
          <div className="row-actions">
            <button type="submit" className="primary" aria-disabled={times.pending}>
              {t('rules.save')}
            </button>
            <span role="status">{timesSaved ? t('rules.saved') : ''}</span>
          </div>
          <ErrorText error={times.error} />
        </fieldset>
      </form>

      <form onSubmit={(e) => void saveBudgets(e)} aria-labelledby={`${ids}-budgets`} noValidate>
        <fieldset>
          <legend id={`${ids}-budgets`}>{t('rules.budgetsLegend')}</legend>
          <p className="hint small">{t('rules.budgetsHint')}</p>
          <p className="note small">{t('rules.budgetNoCut')}</p>
          {budgets.length === 0 && <p className="muted small">{t('rules.noBudgets')}</p>}
          {budgets.map((b, i) => (
            <div className="budget-row" key={b.key} data-testid="budget-row">
              <label>
                {t('rules.budgetScope', { number: i + 1 })}
                <select
                  value={b.scope}
                  onChange={(e) => {
                    const scope = e.target.value as BudgetScope;
                    editBudget(b.key, { scope, target: scope === 'orgType' ? 'ngo' : '' });
                  }}
                >
                  {BUDGET_SCOPES.map((s) => (
                    <option key={s} value={s}>
                      {t(`rules.scope.${s}`)}
                    </option>
                  ))}
                </select>
              </label>
              {b.scope === 'orgType' ? (
                <label>
                  {t('rules.budgetOrgType')}
                  <select
                    value={b.target}
                    onChange={(e) => editBudget(b.key, { target: e.target.value })}
                  >
                    <OrgTypeOptions />
                  </select>
                </label>
              ) : (
                <label>
                  {t('rules.budgetOrganisation')}
                  <input
                    value={b.target}
                    maxLength={SpeakingLimits.maxTargetLength}
                    aria-invalid={budgetsInvalid && b.target.trim() === ''}
                    onChange={(e) => editBudget(b.key, { target: e.target.value })}
                  />
                </label>
              )}
              <label>
                {t('rules.budgetTime')}
                <input
                  inputMode="numeric"
                  value={b.total}
                  aria-invalid={
                    budgetsInvalid &&
                    parseDuration(
                      b.total,
                      SpeakingLimits.minBudgetSeconds,
                      SpeakingLimits.maxBudgetSeconds,
                    ) === null
                  }
                  onChange={(e) => editBudget(b.key, { total: e.target.value })}
                />
              </label>
              <button
                type="button"
                className="danger"
                onClick={() => setBudgets((list) => list.filter((x) => x.key !== b.key))}
              >
                {t('rules.removeBudget', { number: i + 1 })}
              </button>
            </div>
          ))}
          {budgetsInvalid && (
            <p role="alert" className="error">
              {t('rules.budgetTimeInvalid')}
            </p>
          )}
          <div className="row-actions">
            <button
              type="button"
              disabled={budgets.length >= SpeakingLimits.maxBudgets}
              onClick={() =>
                setBudgets((list) => [
                  ...list,
                  { key: ++draftKeys, scope: 'orgType', target: 'ngo', total: '10:00' },
                ])
              }
            >
              {t('rules.addBudget')}
            </button>
            <button type="submit" className="primary" aria-disabled={budgetsCmd.pending}>
              {t('rules.saveBudgets')}
            </button>
            <span role="status">{budgetsSaved ? t('rules.saved') : ''}</span>
          </div>
          <ErrorText error={budgetsCmd.error} />
        </fieldset>
      </form>
    </details>
  );
}
