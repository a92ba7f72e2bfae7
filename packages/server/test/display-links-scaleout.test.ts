/**
 * Revoking a hall display link closes its socket on every server process,
 * not only the one that took the request: the close travels the meeting's
 * Redis channel, as a member's removal does (which this test checks too).
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  CloseCode,
  DISPLAY_REVOKED_REASON,
  readAgenda,
  type DisplayLinkCreated,
} from '@kenes/shared';
import {
  connectDisplay,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import { addMember, createMeetingWithText, signUpUser } from '../src/test-support/liveApi.js';
import { Cluster } from '../src/test-support/scaleout.js';

let cluster: Cluster | null = null;
const displays: TestClient[] = [];
afterEach(async () => {
  for (const d of displays.splice(0)) d.destroy();
  await cluster?.teardown();
  cluster = null;
});

/** A display's provider on `syncUrl`, offering its token as the kiosk page does. */
function display(syncUrl: string, origin: string, meetingId: string, token: string): TestClient {
  const c = connectDisplay(syncUrl, meetingId, token, origin);
  displays.push(c);
  return c;
}

describe('display links across processes', () => {
  it('a revocation on one process closes the display on another; a removal closes the member there too', async () => {
    const c = (cluster = await Cluster.create());
    const a = await c.spawn();
    const b = await c.spawn();
    const chair = await signUpUser(a.url, 'Chair');
    const delegate = await signUpUser(a.url, 'Delegate');
    const { meetingId } = await createMeetingWithText(chair);
    await addMember(chair, meetingId, delegate, 'participant');
    const made = await chair.call<DisplayLinkCreated>(
      'POST',
      `/api/meetings/${meetingId}/display-links`,
      {},
    );
    expect(made.status).toBe(201);

    const onB = display(b.syncUrl, c.origin, meetingId, made.body.token);
    const delegateOnB = c.client(b, meetingId, delegate);
    await Promise.all([waitSynced(onB, 10_000), waitSynced(delegateOnB, 10_000)]);
    // Live across processes: a command on A reaches the display on B.
    await chair.mustCommand(meetingId, { type: 'agenda.add', title: 'Combating violence' });
    await waitFor(() => readAgenda(onB.doc).length === 2, 10_000, 'the item on the display');

    const revoked = await chair.call(
      'POST',
      `/api/meetings/${meetingId}/display-links/${made.body.link.id}/revoke`,
    );
    expect(revoked.status).toBe(200);
    await waitFor(() => onB.closes.length > 0, 10_000, 'the display on B to close');
    expect(onB.closes[0]).toEqual({ code: CloseCode.forbidden, reason: DISPLAY_REVOKED_REASON });
    expect(delegateOnB.closes).toEqual([]);

    const removed = await chair.call(
      'DELETE',
      `/api/meetings/${meetingId}/members/${delegate.userId}`,
    );
    expect(removed.status).toBe(204);
    await waitFor(() => delegateOnB.closes.length > 0, 10_000, 'the delegate on B to close');
    expect(delegateOnB.closes[0]).toEqual({
      code: CloseCode.forbidden,
      reason: 'removed from meeting',
    });
    // Two child processes start slowly on a busy machine.
  }, 120_000);
});
