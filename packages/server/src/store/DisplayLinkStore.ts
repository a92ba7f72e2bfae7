/** A hall display link as stored: the token itself never is, only its SHA-256. */
export interface DisplayLinkRow {
  /** SHA-256 hex of the link's token; also the link's id in lists. */
  tokenHash: string;
  meetingId: string;
  label: string;
  createdBy: string;
  createdAt: number;
  /** When a display last connected with it or read the clock, or null. */
  lastUsedAt: number | null;
  /** When a chair revoked it (it opens nothing from then on), or null. */
  revokedAt: number | null;
  revokedBy: string | null;
}

/** A link to store: never used, not revoked. */
export type NewDisplayLink = Omit<DisplayLinkRow, 'lastUsedAt' | 'revokedAt' | 'revokedBy'>;

/**
 * Hall display links (kiosk). Both backends pass `displayLinks.contract.ts`.
 * Revoked rows are kept (who made and revoked what stays answerable); lists
 * show live links only.
 */
export interface DisplayLinkStore {
  /**
   * Stores `link` unless its meeting already holds `maxLive` live links;
   * the count and the insert are one atomic step, so concurrent creations
   * cannot pass the limit together. Resolves false when refused.
   */
  create(link: NewDisplayLink, maxLive: number): Promise<boolean>;
  /** The link with this token hash, revoked or not; null when unknown. */
  byHash(tokenHash: string): Promise<DisplayLinkRow | null>;
  /** The meeting's live links, newest first. */
  live(meetingId: string): Promise<DisplayLinkRow[]>;
  /**
   * Revokes one of the meeting's links (once: a second call keeps the first
   * time and chair). Resolves with the link as it was before, or null when
   * the meeting has no such link.
   */
  revoke(
    meetingId: string,
    tokenHash: string,
    at: number,
    by: string,
  ): Promise<DisplayLinkRow | null>;
  /** Records a use of a live link (`lastUsedAt` only moves forward). */
  touch(tokenHash: string, at: number): Promise<void>;
}
