import { useTranslation } from 'react-i18next';
import type { PresentUser } from '../../sync/usePresence.js';

/** Who is present, by organisation, with a role badge and (for others) their caret colour. */
export function Presence({ present }: { present: PresentUser[] }) {
  const { t } = useTranslation();
  return (
    <details className="presence">
      <summary>{t('room.present', { count: present.length })}</summary>
      <ul aria-label={t('room.presentList')} data-testid="presence-list">
        {present.map((p) => (
          <li key={p.id} data-colour={p.isSelf ? undefined : p.color}>
            {!p.isSelf && (
              // Their caret's colour in the texts, to tell whose caret it is.
              <span
                className="caret-swatch"
                style={{ backgroundColor: p.color }}
                aria-hidden="true"
              />
            )}
            <span className="org clamp-2" title={p.organisation}>
              {p.organisation}
            </span>
            <span className="name clamp-2" title={p.name}>
              {p.name}
              {p.isSelf && ` (${t('room.you')})`}
            </span>
            {p.role && <span className={`badge role-${p.role}`}>{t(`role.${p.role}`)}</span>}
          </li>
        ))}
      </ul>
    </details>
  );
}
