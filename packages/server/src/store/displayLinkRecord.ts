import type { DisplayLinkRow } from './DisplayLinkStore.js';

/** A `display_links` row as both drivers return it (BIGINTs already parsed to numbers). */
export interface DisplayLinkRecord {
  token_hash: string;
  meeting_id: string;
  label: string;
  created_by: string;
  created_at: number;
  last_used_at: number | null;
  revoked_at: number | null;
  revoked_by: string | null;
}

/** Maps a `display_links` row to the store's shape. */
export function toDisplayLink(r: DisplayLinkRecord): DisplayLinkRow {
  return {
    tokenHash: r.token_hash,
    meetingId: r.meeting_id,
    label: r.label,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    lastUsedAt: r.last_used_at === null ? null : Number(r.last_used_at),
    revokedAt: r.revoked_at === null ? null : Number(r.revoked_at),
    revokedBy: r.revoked_by,
  };
}
