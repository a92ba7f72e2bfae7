// Join and reconnect storm on a document with a long history. `seed` types
// `edits` single-char edits (3 inserts : 1 delete at random places, one
// transaction each, as one client) and sends them in merged frames, so the
// document holds the same items and tombstones as if typed one by one. The
// seeding client stays connected (a meeting is never empty), then:
// - join: `count` newcomers at once, `rounds` times; step 2 is timed on
//   arrival and applied afterwards one client at a time, so "synced" =
//   arrival + own apply, as if each newcomer had its own core;
// - storm: `storm` observers connect, all drop at once and reconnect at once;
//   the time until the last has its step 2 (not applied: a thousand applies
//   of a big state would measure the client core; the join apply is the same).
import * as Y from 'yjs';
import { now } from '../lib/PeerClient.mjs';
import { benchText } from '../lib/prepareDoc.mjs';
import { clientFactory, closeAll, connectAll, mark, prng, sleep } from './common.mjs';

async function seed(make, edits, batch) {
  const writer = make(0);
  await writer.connect();
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(writer.doc));
  const ltext = benchText(local);
  const rand = prng(42);
  let pending = [];
  local.on('update', (u) => pending.push(u));
  const started = now();
  for (let i = 0; i < edits; i++) {
    const len = ltext.length;
    if (len > 0 && rand() < 0.25) ltext.delete(Math.floor(rand() * len), 1);
    else
      ltext.insert(
        Math.floor(rand() * (len + 1)),
        String.fromCharCode(97 + Math.floor(rand() * 26)),
      );
    if (pending.length >= batch || i === edits - 1) {
      writer.sendUpdate(Y.mergeUpdates(pending));
      pending = [];
      while (writer.ws.bufferedAmount > 0) await sleep(1);
    }
  }
  // Done when a fresh client sees the whole text.
  const expected = ltext.toString();
  for (let attempt = 0; attempt < 120; attempt++) {
    const probe = make(1);
    await probe.connect();
    const ok = benchText(probe.doc).toString() === expected;
    probe.close();
    if (ok) break;
    await sleep(250);
  }
  return {
    writer,
    seedMs: now() - started,
    textLength: expected.length,
    stateBytes: Y.encodeStateAsUpdate(local).length,
  };
}

async function joinRounds(make, count, rounds, expectedLength) {
  const synced = [];
  const arrivals = [];
  let wrong = 0;
  for (let r = 0; r < rounds; r++) {
    const clients = Array.from({ length: count }, (_, i) => make(i + 1, { deferSync: true }));
    arrivals.push(...(await Promise.all(clients.map((c) => c.connect()))));
    for (const c of clients) {
      const a0 = now();
      c.flush();
      synced.push(c.step2ArrivedMs + (now() - a0));
      if (benchText(c.doc).length !== expectedLength) wrong++;
      c.close();
    }
    await sleep(200);
  }
  return { synced, arrivals, wrong };
}

async function storm(make, n, timeoutMs) {
  const { clients } = await connectAll(n, (i) => make(i + 1, { dropSync: true }), {
    parallel: 100,
    timeoutMs,
  });
  await sleep(1000);
  closeAll(clients);
  await sleep(500);
  await mark('storm-start');
  const t0 = now();
  const again = clients.map((_, i) => make(i + 1, { dropSync: true }));
  const results = await Promise.allSettled(again.map((c) => c.connect(timeoutMs)));
  const lastMs = now() - t0;
  await mark('storm-end');
  closeAll(again);
  const failed = results.filter((r) => r.status === 'rejected').length;
  return {
    lastMs,
    failed,
    arrivals: results.filter((r) => r.status === 'fulfilled').map((r) => r.value),
  };
}

/** @param {{ edits: number, alone: number, together: number, togetherRounds: number, storm: number, stormTimeoutMs: number }} job */
export async function join(job) {
  const make = clientFactory(job);
  const s = await seed(make, job.edits, 1000);
  const alone = await joinRounds(make, 1, job.alone, s.textLength);
  const together = await joinRounds(make, job.together, job.togetherRounds, s.textLength);
  const stormResult = job.storm > 0 ? await storm(make, job.storm, job.stormTimeoutMs) : null;
  s.writer.close();
  return {
    seedMs: s.seedMs,
    textLength: s.textLength,
    stateBytes: s.stateBytes,
    alone,
    together,
    storm: stormResult,
  };
}
