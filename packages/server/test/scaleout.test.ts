import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { meetingRoots, readAgenda, readQueue } from '@kenes/shared';
import {
  appendParagraph,
  docJson,
  fragmentText,
  waitFor,
  waitSynced,
  type TestClient,
} from '../src/test-support/clients.js';
import {
  addMember,
  createMeetingWithText,
  signUpUser,
  type LiveUser,
} from '../src/test-support/liveApi.js';
import type { ChildServer } from '../src/test-support/childServer.js';
import { Cluster } from '../src/test-support/scaleout.js';

/**
 * Several real server processes (src/main.ts) on one Postgres schema and one
 * Redis, as behind a load balancer: what the scale-out issue promises.
 */

let cluster: Cluster | null = null;
afterEach(async () => {
  await cluster?.teardown();
  cluster = null;
});

async function twoProcesses(): Promise<{ c: Cluster; a: ChildServer; b: ChildServer }> {
  const c = (cluster = await Cluster.create());
  const a = await c.spawn();
  const b = await c.spawn();
  return { c, a, b };
}

function lines(client: TestClient, recId: string): string[] {
  return fragmentText(client.doc, recId)?.split('\n') ?? [];
}

/** A live meeting with its first agenda item current, and `n` participants. */
async function liveMeeting(
  a: ChildServer,
  n: number,
): Promise<{ chair: LiveUser; meetingId: string; people: LiveUser[] }> {
  const chair = await signUpUser(a.url, 'Chair');
  const { meetingId, itemId } = await createMeetingWithText(chair);
  await chair.mustCommand(meetingId, { type: 'meeting.setStatus', status: 'live' });
  await chair.mustCommand(meetingId, { type: 'agenda.start', itemId });
  const people: LiveUser[] = [];
  for (let i = 0; i < n; i++) {
    const p = await signUpUser(a.url, `Delegate${i}`);
    await addMember(chair, meetingId, p, 'participant');
    people.push(p);
  }
  return { chair, meetingId, people };
}

describe('two server processes on one Postgres and one Redis', () => {
  it('clients on each converge, and awareness crosses processes', async () => {
    const { c, a, b } = await twoProcesses();
    const chair = await signUpUser(a.url, 'Chair');
    const { meetingId, recId } = await createMeetingWithText(chair);
    const onA = c.client(a, meetingId, chair);
    const onB = c.client(b, meetingId, chair);
    await Promise.all([waitSynced(onA, 10_000), waitSynced(onB, 10_000)]);
    for (let i = 0; i < 10; i++) {
      appendParagraph(onA.doc, recId, `A${i}`);
      appendParagraph(onB.doc, recId, `B${i}`);
    }
    await waitFor(
      () => lines(onA, recId).length === 20 && lines(onB, recId).length === 20,
      10_000,
      'both have 20 lines',
    );
    expect(docJson(onA.doc)).toEqual(docJson(onB.doc));

    // A caret as y-prosemirror publishes it (the servers relay only well-formed ones in a text).
    const text = (meetingRoots(onA.doc).texts.get(recId)!.get(0) as Y.XmlElement).get(
      0,
    ) as Y.XmlText;
    const at = JSON.parse(JSON.stringify(Y.createRelativePositionFromTypeIndex(text, 1, -1)));
    onA.provider.awareness.setLocalStateField('cursor', { anchor: at, head: at });
    await waitFor(
      () => onB.provider.awareness.getStates().get(onA.doc.clientID)?.cursor !== undefined,
      10_000,
      'awareness from A on B',
    );
    // Stamped by A's server from the session, not by the client.
    expect(onB.provider.awareness.getStates().get(onA.doc.clientID)?.user).toMatchObject({
      id: chair.userId,
      name: 'Chair',
    });
  });

  it('a command sent to one process is seen by clients of the other', async () => {
    const { c, a, b } = await twoProcesses();
    const chair = await signUpUser(a.url, 'Chair');
    const { meetingId } = await createMeetingWithText(chair);
    const onB = c.client(b, meetingId, chair);
    await waitSynced(onB, 10_000);
    await chair.mustCommand(meetingId, { type: 'agenda.add', title: 'Cross-process item' });
    await waitFor(
      () => readAgenda(onB.doc).some((i) => i.title === 'Cross-process item'),
      10_000,
      'B sees A’s command',
    );
    // And the other way round, on a meeting B has loaded and A too.
    const res = await c.command(b, chair, meetingId, { type: 'agenda.add', title: 'Sent to B' });
    expect(res.status).toBe(200);
    const onA = c.client(a, meetingId, chair);
    await waitFor(
      () => readAgenda(onA.doc).some((i) => i.title === 'Sent to B'),
      10_000,
      'A sees B’s command',
    );
  });

  it('concurrent queue.grant on both processes yields exactly one speaker', async () => {
    const { c, a, b } = await twoProcesses();
    const { chair, meetingId, people } = await liveMeeting(a, 6);
    const watcher = c.client(b, meetingId, chair);
    // Both processes hold the room loaded, so each decides on its own doc unless serialized.
    const onA = c.client(a, meetingId, chair);
    await Promise.all([waitSynced(watcher, 10_000), waitSynced(onA, 10_000)]);
    for (let i = 0; i < people.length; i++) {
      await c.command(i % 2 ? b : a, people[i]!, meetingId, {
        type: 'queue.request',
        kind: 'speak',
      });
    }
    for (let round = 0; round < 3; round++) {
      const [ra, rb] = await Promise.all([
        c.command(a, chair, meetingId, { type: 'queue.grant' }),
        c.command(b, chair, meetingId, { type: 'queue.grant' }),
      ]);
      expect([ra.status, rb.status]).toEqual([200, 200]);
      // Serialized: the second grant ended the first speaker and gave the floor to the next.
      expect(ra.body.entryId).not.toBe(rb.body.entryId);
      await waitFor(
        () => readQueue(watcher.doc).filter((e) => e.status === 'done').length === 2 * round + 1,
        10_000,
        'grants seen',
      );
      const speaking = readQueue(watcher.doc).filter((e) => e.status === 'speaking');
      expect(speaking).toHaveLength(1);
    }
    await waitFor(
      () => JSON.stringify(docJson(onA.doc)) === JSON.stringify(docJson(watcher.doc)),
      10_000,
      'both processes agree',
    );
  });

  it('concurrent queue.request on both processes yields one queue with every entry', async () => {
    const { c, a, b } = await twoProcesses();
    const { chair, meetingId, people } = await liveMeeting(a, 6);
    const watcherA = c.client(a, meetingId, chair);
    const watcherB = c.client(b, meetingId, chair);
    await Promise.all([waitSynced(watcherA, 10_000), waitSynced(watcherB, 10_000)]);
    const answers = await Promise.all(
      people.map((p, i) =>
        c.command(i % 2 ? b : a, p, meetingId, { type: 'queue.request', kind: 'speak' }),
      ),
    );
    expect(answers.map((r) => r.status)).toEqual(people.map(() => 200));
    for (const w of [watcherA, watcherB]) {
      await waitFor(
        () => readQueue(w.doc).length === people.length,
        10_000,
        'every request in the queue',
      );
      expect(new Set(readQueue(w.doc).map((e) => e.userId))).toEqual(
        new Set(people.map((p) => p.userId)),
      );
    }
    expect(readQueue(watcherA.doc)).toEqual(readQueue(watcherB.doc));
  });

  it('kill -9 right after an accepted update reached the other process: nothing lost; its client resyncs on the survivor', async () => {
    const { c, a, b } = await twoProcesses();
    const chair = await signUpUser(a.url, 'Chair');
    const { meetingId, recId } = await createMeetingWithText(chair);
    const writer = c.client(a, meetingId, chair);
    const reader = c.client(b, meetingId, chair);
    await Promise.all([waitSynced(writer, 10_000), waitSynced(reader, 10_000)]);
    appendParagraph(writer.doc, recId, 'must survive');
    await new Promise<void>((resolve) => {
      const check = (): void => {
        if (lines(reader, recId).includes('must survive')) {
          a.proc.kill('SIGKILL');
          reader.doc.off('update', check);
          resolve();
        }
      };
      reader.doc.on('update', check);
      check();
    });
    expect((await a.exited).signal).toBe('SIGKILL');

    // The writer's provider lost its server; edits made meanwhile are unsent.
    await waitFor(() => !writer.provider.wsconnected, 10_000, 'writer disconnected');
    appendParagraph(writer.doc, recId, 'typed while offline');
    // The load balancer sends its reconnect to the survivor: same doc, new provider.
    writer.provider.destroy();
    const moved = c.client(b, meetingId, chair, { doc: writer.doc });
    await waitSynced(moved, 10_000);
    await waitFor(
      () => lines(reader, recId).includes('typed while offline'),
      10_000,
      'offline edit reaches B’s other client',
    );

    // Everything is in Postgres: a process started now, which never saw any of it, has it all.
    const fresh = await c.spawn();
    const late = c.client(fresh, meetingId, chair);
    await waitSynced(late, 10_000);
    await waitFor(
      () => lines(late, recId).includes('typed while offline'),
      10_000,
      'new process has everything',
    );
    expect(lines(late, recId)).toEqual(
      expect.arrayContaining(['must survive', 'typed while offline']),
    );
    expect(docJson(late.doc)).toEqual(docJson(reader.doc));
  });

  it('a process joining a busy meeting (updates flowing) converges with no gap', async () => {
    const { c, a, b } = await twoProcesses();
    const chair = await signUpUser(a.url, 'Chair');
    const { meetingId, recId } = await createMeetingWithText(chair);
    const writer = c.client(a, meetingId, chair);
    await waitSynced(writer, 10_000);
    const TOTAL = 300;
    let written = 0;
    const typing = (async () => {
      while (written < TOTAL) {
        appendParagraph(writer.doc, recId, `line ${written++}`);
        await new Promise((r) => setTimeout(r, 3));
      }
    })();
    // B opens the meeting (subscribe, then load) while lines keep coming; more clients join later.
    const joiners: TestClient[] = [];
    for (let i = 0; i < 4; i++) {
      await waitFor(() => written >= (i + 1) * 40, 10_000, 'typing progressed');
      joiners.push(c.client(b, meetingId, chair));
    }
    await typing;
    const expected = lines(writer, recId);
    expect(expected).toHaveLength(TOTAL);
    for (const j of joiners) {
      // The periodic store catch-up is off in these tests: only the fan-out can deliver.
      await waitFor(() => lines(j, recId).length === TOTAL, 15_000, 'joiner has every line');
      expect(lines(j, recId)).toEqual(expected);
    }
    // B's own doc, read through a new socket on it, too.
    const check = c.client(b, meetingId, chair);
    await waitSynced(check, 10_000);
    expect(lines(check, recId)).toEqual(expected);
  });
});

describe('the periodic catch-up from the store', () => {
  const METRICS_TOKEN = 'catch-up-metrics-token';

  async function updatesReadOnCatchUp(s: ChildServer): Promise<number> {
    const res = await fetch(`${s.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    return Number(/^kenes_catchup_updates_total (\d+)$/m.exec(await res.text())?.[1]);
  }

  it('reads only what fan-out did not deliver, not every update since the last tick', async () => {
    const c = (cluster = await Cluster.create({ FANOUT_TICK_MS: '150', METRICS_TOKEN }));
    const a = await c.spawn();
    const b = await c.spawn();
    const chair = await signUpUser(a.url, 'Chair');
    const { meetingId, recId } = await createMeetingWithText(chair);
    const onA = c.client(a, meetingId, chair);
    const onB = c.client(b, meetingId, chair);
    await Promise.all([waitSynced(onA, 10_000), waitSynced(onB, 10_000)]);
    const before = (await updatesReadOnCatchUp(a)) + (await updatesReadOnCatchUp(b));
    const LINES = 40;
    for (let i = 0; i < LINES; i++) {
      appendParagraph(onA.doc, recId, `A${i}`);
      appendParagraph(onB.doc, recId, `B${i}`);
      await new Promise((r) => setTimeout(r, 10));
    }
    await waitFor(
      () => lines(onA, recId).length === 2 * LINES && lines(onB, recId).length === 2 * LINES,
      10_000,
      'both have every line',
    );
    // Several ticks on both processes, each one a catch-up of the room.
    await new Promise((r) => setTimeout(r, 600));
    const read = (await updatesReadOnCatchUp(a)) + (await updatesReadOnCatchUp(b)) - before;
    expect(Number.isNaN(read)).toBe(false);
    // Each process committed half and got the other half by fan-out: a
    // catch-up reads an update only when its message was still on the way.
    // (Before the seqs went with the messages, every tick re-read all 160.)
    expect(read).toBeLessThan(LINES / 4);
    expect(docJson(onA.doc)).toEqual(docJson(onB.doc));
  });
});
