// Join and storms on a document with a long history. `seed` types `edits`
// single-char edits (3 inserts : 1 delete at random places, one transaction
// each, as one client) and sends them in merged frames, so the document
// holds the same items and tombstones as if typed one by one. The seeding
// client stays connected (a meeting is never empty), then:
// - join: `count` newcomers at once, `rounds` times; step 2 is timed on
//   arrival and applied afterwards one client at a time, so "synced" =
//   arrival + own apply, as if each newcomer had its own core;
// - reconnect storm: `storm` observers that hold the document (as providers
//   do: they keep their Y.Doc across reconnects and announce its state
//   vector in step 1) are connected, all drop at once and reconnect at once;
//   the time until the last has its step 2;
// - cold storm: `storm` newcomers with empty documents connect at once (each
//   needs the whole state); the time until the last has its step 2.
// Storm answers are timed on arrival, not applied: a thousand applies would
// measure the client core (the join apply is the same work). One synced doc
// stands for the thousand reconnecting ones: they announce its state vector.
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
    stateVector: Y.encodeStateVector(local),
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

/** `n` clients made with `opts` connect at once; the time until the last has step 2. */
async function burst(make, n, opts, timeoutMs, tag) {
  await mark(`${tag}-start`);
  const t0 = now();
  const clients = Array.from({ length: n }, (_, i) => make(i + 1, opts));
  const results = await Promise.allSettled(clients.map((c) => c.connect(timeoutMs)));
  const lastMs = now() - t0;
  await mark(`${tag}-end`);
  closeAll(clients);
  const failed = results.filter((r) => r.status === 'rejected').length;
  return {
    lastMs,
    failed,
    arrivals: results.filter((r) => r.status === 'fulfilled').map((r) => r.value),
  };
}

/** Holders of the document connect, all drop at once, all reconnect at once. */
async function reconnectStorm(make, n, stateVector, timeoutMs) {
  const opts = { dropSync: true, stateVector };
  const { clients } = await connectAll(n, (i) => make(i + 1, opts), { parallel: 100, timeoutMs });
  await sleep(1000);
  closeAll(clients);
  await sleep(500);
  return burst(make, n, opts, timeoutMs, 'storm');
}

/** @param {{ edits: number, alone: number, together: number, togetherRounds: number, storm: number, stormTimeoutMs: number }} job */
export async function join(job) {
  const make = clientFactory(job);
  const s = await seed(make, job.edits, 1000);
  const alone = await joinRounds(make, 1, job.alone, s.textLength);
  const together = await joinRounds(make, job.together, job.togetherRounds, s.textLength);
  const storm =
    job.storm > 0 ? await reconnectStorm(make, job.storm, s.stateVector, job.stormTimeoutMs) : null;
  await sleep(500);
  const coldStorm =
    job.storm > 0
      ? await burst(make, job.storm, { dropSync: true }, job.stormTimeoutMs, 'cold')
      : null;
  s.writer.close();
  return {
    seedMs: s.seedMs,
    textLength: s.textLength,
    stateBytes: s.stateBytes,
    alone,
    together,
    storm,
    coldStorm,
  };
}
