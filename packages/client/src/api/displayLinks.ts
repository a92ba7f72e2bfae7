import type { DisplayLink, DisplayLinkCreated } from '@kenes/shared';
import type { ApiClient } from './client.js';

/**
 * A chair's calls on a meeting's hall display links (settings page), on the
 * app's API client and session.
 */
export function displayLinksApi(api: Pick<ApiClient, 'request'>) {
  const base = (meetingId: string) => `/meetings/${encodeURIComponent(meetingId)}/display-links`;
  return {
    /** The meeting's live links, newest first. */
    list: (meetingId: string) =>
      api.request<{ links: DisplayLink[] }>('GET', base(meetingId)).then((r) => r.links),
    /** Makes a link; its token and URL are in this answer only. */
    create: (meetingId: string, label: string) =>
      api.request<DisplayLinkCreated>('POST', base(meetingId), label ? { label } : {}),
    /** Revokes a link: displays open with it close at once. */
    revoke: (meetingId: string, linkId: string) =>
      api.request<{ link: DisplayLink }>(
        'POST',
        `${base(meetingId)}/${encodeURIComponent(linkId)}/revoke`,
      ),
  };
}
