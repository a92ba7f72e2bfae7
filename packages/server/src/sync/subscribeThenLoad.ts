import type { Fanout, FanoutSubscription, ReceivedMessage } from '../fanout/Fanout.js';

/**
 * Opens a meeting for fan-out without a gap: subscribes first, then loads
 * from the store, and holds the messages that arrive during the load until
 * the room exists, then applies them in arrival order. Anything committed
 * after the load read it is published after the subscription was active, so
 * it arrives; anything both loaded and received is applied twice, which Yjs
 * ignores.
 *
 * A failed load closes the subscription and rethrows.
 */
export async function subscribeThenLoad<R>(
  fanout: Fanout,
  meetingId: string,
  load: () => Promise<R>,
  apply: (room: R, msg: ReceivedMessage) => void,
): Promise<{ room: R; subscription: FanoutSubscription }> {
  let held: ReceivedMessage[] | null = [];
  let room: R | undefined;
  const subscription = await fanout.subscribe(meetingId, (msg) => {
    if (held) held.push(msg);
    else apply(room as R, msg);
  });
  try {
    room = await load();
  } catch (err) {
    subscription.close();
    throw err;
  }
  const pending = held;
  held = null;
  for (const msg of pending) apply(room, msg);
  return { room, subscription };
}
