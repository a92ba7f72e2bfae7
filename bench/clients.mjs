// The load side of the bench, run as a child process of run.mjs (pinned to
// its own core when possible). It gets one job as JSON in argv[2], runs it
// against the server and reports one JSON result over IPC.
import * as Y from 'yjs';
import { meetingRoots } from '@kenes/shared';
import { BenchClient, now } from './lib/yclient.mjs';
import * as decoding from 'lib0/decoding';

const job = JSON.parse(process.argv[2] ?? '{}');
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const TEXT_ID = 'r1';

/** Resolves once the result is handed to IPC (a large one must not be cut by exit). */
function report(result) {
  if (!process.send) return void console.log(JSON.stringify(result));
  return new Promise((resolve) => process.send({ type: 'result', result }, () => resolve()));
}

/** The paragraph text inside the bench fragment (made by the server). */
function benchText(doc) {
  const frag = meetingRoots(doc).texts.get(TEXT_ID);
  const text = frag?.get(0)?.get(0);
  if (!(text instanceof Y.XmlText)) throw new Error('bench fragment missing: run prepare first');
  return text;
}

/** Connects `count` clients, at most `parallel` handshakes at a time. */
async function connectAll(count, makeClient, parallel = 50) {
  const clients = [];
  const times = [];
  for (let i = 0; i < count; i += parallel) {
    const batch = Array.from({ length: Math.min(parallel, count - i) }, () => makeClient());
    times.push(...(await Promise.all(batch.map((c) => c.connect()))));
    clients.push(...batch);
  }
  return { clients, times };
}

/** The writer's clock reached by an update frame (how many chars it has typed). */
function writerClockOf(buf, writerId) {
  const dec = decoding.createDecoder(buf);
  decoding.readVarUint(dec); // message type: sync
  decoding.readVarUint(dec); // sync sub-type: update
  const update = decoding.readVarUint8Array(dec);
  return Y.parseUpdateMeta(update).to.get(writerId) ?? 0;
}

/**
 * Fan-out: one writer types `rateHz` chars/s; `readers` clients record when
 * each char reaches them (arrival time, before applying: what is measured is
 * the server's fan-out, not 500 Y.Doc applies queued on one client core).
 */
async function fanout({ url, readerUrls, origin, readers, durationMs, rateHz, warmupMs }) {
  // Scale-out: readers spread round-robin over several processes' URLs (the writer stays on `url`).
  const urls = readerUrls ?? [url];
  let made = 0;
  const writer = new BenchClient(url, { origin });
  await writer.connect();
  const text = benchText(writer.doc);
  const writerId = writer.doc.clientID;
  const arrivals = []; // per reader: Map<k, t>
  const makeReader = () => {
    const seen = new Map();
    let last = 0;
    arrivals.push(seen);
    return new BenchClient(urls[made++ % urls.length], {
      origin,
      deferApply: true,
      onRemoteUpdate: (t, client) => {
        const k = writerClockOf(client.pending.at(-1), writerId);
        for (let i = last + 1; i <= k; i++) seen.set(i, t);
        if (k > last) last = k;
      },
    });
  };
  const joinStarted = now();
  const { clients, times: joinTimes } = await connectAll(readers, makeReader);
  const joinAllMs = now() - joinStarted;
  await sleep(500);

  const sent = new Map();
  const base = text.length;
  const edits = Math.round((durationMs / 1000) * rateHz);
  const interval = 1000 / rateHz;
  const start = now();
  for (let i = 1; i <= edits; i++) {
    const due = start + i * interval;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    sent.set(i, now());
    text.insert(base + i - 1, String.fromCharCode(97 + (i % 26)));
  }
  await sleep(1500);

  const warmEdits = Math.ceil((warmupMs / 1000) * rateHz);
  const perReceipt = [];
  const perUrl = urls.map(() => []);
  const toLast = [];
  let missing = 0;
  for (let k = warmEdits + 1; k <= edits; k++) {
    const t0 = sent.get(k);
    let worst = 0;
    for (const [r, seen] of arrivals.entries()) {
      const t = seen.get(k);
      if (t === undefined) {
        missing++;
        continue;
      }
      perReceipt.push(t - t0);
      perUrl[r % urls.length].push(t - t0);
      if (t - t0 > worst) worst = t - t0;
    }
    toLast.push(worst);
  }
  // Convergence check: every reader's doc, once its frames are applied, holds the writer's text.
  let diverged = 0;
  const expected = text.toString();
  for (const c of clients) {
    c.flush();
    if (benchText(c.doc).toString() !== expected) diverged++;
  }
  const closed = clients.filter((c) => c.closed !== null).length;
  for (const c of [writer, ...clients]) c.close();
  return {
    readers,
    edits,
    measuredEdits: edits - warmEdits,
    perReceipt,
    perUrl,
    toLast,
    missing,
    diverged,
    closed,
    joinTimes,
    joinAllMs,
  };
}

/** Tiny seeded PRNG (mulberry32) so every run builds the same history. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Seeds a history of `edits` single-char edits (3 inserts : 1 delete, at
 * random places) made by one client, one transaction each; they travel in
 * merged batches so the seeding takes seconds, yet the document holds the
 * same 100k items (and tombstones) as if typed one by one.
 */
async function seed({ url, origin, edits, batch }) {
  const writer = new BenchClient(url, { origin });
  await writer.connect();
  const local = new Y.Doc();
  Y.applyUpdate(local, Y.encodeStateAsUpdate(writer.doc));
  const ltext = benchText(local);
  const rand = prng(42);
  let pending = [];
  local.on('update', (u) => pending.push(u));
  const started = now();
  let frames = 0;
  let bytes = 0;
  for (let i = 0; i < edits; i++) {
    const len = ltext.length;
    if (len > 0 && rand() < 0.25) ltext.delete(Math.floor(rand() * len), 1);
    else
      ltext.insert(
        Math.floor(rand() * (len + 1)),
        String.fromCharCode(97 + Math.floor(rand() * 26)),
      );
    if (pending.length >= batch || i === edits - 1) {
      const merged = Y.mergeUpdates(pending);
      pending = [];
      writer.sendUpdate(merged);
      frames++;
      bytes += merged.length;
      // Let the socket drain: the server commits each frame before the next.
      while (writer.ws.bufferedAmount > 0) await sleep(1);
    }
  }
  // Done when a fresh client sees the whole text.
  const expected = ltext.toString();
  let verified = false;
  for (let attempt = 0; attempt < 60 && !verified; attempt++) {
    const probe = new BenchClient(url, { origin });
    await probe.connect();
    verified = benchText(probe.doc).toString() === expected;
    probe.close();
    if (!verified) await sleep(500);
  }
  writer.close();
  if (writer.closed && writer.closed.code !== 1006 && writer.closed.code !== 1005) {
    throw new Error(`writer closed by server: ${writer.closed.code} ${writer.closed.reason}`);
  }
  return {
    edits,
    frames,
    updateBytes: bytes,
    seedMs: now() - started,
    textLength: expected.length,
    stateBytes: Y.encodeStateAsUpdate(local).length,
    verified,
  };
}

/**
 * Join: `rounds` times, `count` newcomers connect at once. Sync step 2 is
 * timed on arrival and applied afterwards, one client at a time, so each
 * newcomer's "synced" time is its arrival plus its own apply, as if each
 * had its own core like real browsers (all newcomers share this process).
 * With `hold`, a client stays connected throughout so the room stays loaded.
 */
async function join({ url, origin, count, rounds, hold, expectedLength }) {
  const holder = hold ? new BenchClient(url, { origin }) : null;
  if (holder) await holder.connect();
  const times = [];
  const arrivals = [];
  const applies = [];
  const roundMs = [];
  let wrong = 0;
  for (let r = 0; r < rounds; r++) {
    const clients = Array.from(
      { length: count },
      () => new BenchClient(url, { origin, deferSync: true }),
    );
    const t0 = now();
    arrivals.push(...(await Promise.all(clients.map((c) => c.connect()))));
    roundMs.push(now() - t0);
    for (const c of clients) {
      const a0 = now();
      c.flush();
      const apply = now() - a0;
      applies.push(apply);
      times.push(c.step2ArrivedMs + apply);
      if (benchText(c.doc).length !== expectedLength) wrong++;
      c.close();
    }
    await sleep(200);
  }
  holder?.close();
  return { count, rounds, times, arrivals, applies, roundMs, wrong };
}

const jobs = { fanout, seed, join };
const timer = setTimeout(() => {
  console.error(`clients: job ${job.kind} over its time limit`);
  process.exit(3);
}, job.limitMs ?? 120_000);
try {
  const fn = jobs[job.kind];
  if (!fn) throw new Error(`unknown job ${job.kind}`);
  await report(await fn(job));
  clearTimeout(timer);
  // Sockets are terminated; exit without waiting for timers of ws internals.
  setTimeout(() => process.exit(0), 50);
} catch (err) {
  console.error('clients:', err);
  process.exit(2);
}
