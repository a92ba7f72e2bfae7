// What keeping deletions costs the server's meeting document (issue 18).
//
// A long drafting session is replayed from seeded random edits made by several
// writers (each its own Y.Doc, so each its own client id, synced as the room
// syncs them); every update is applied to two server docs, one as
// `sync/Room.ts` builds it (`gc: true`: deleted text becomes ContentDeleted)
// and one that keeps deletions (`gc: false`). Then, for each: the document's
// encoded size (what is stored and what a fresh client downloads), the heap
// it holds once loaded, and the time to load it from that encoding.
//
//   node --expose-gc bench/gcCost.mjs [--ops=60000] [--writers=4] [--texts=8] [--seed=18]
//
// Plain ESM on yjs only; no server, no sockets. Not part of `pnpm test`.
import * as Y from 'yjs';

const arg = (name, fallback) => {
  const hit = process.argv.find((a) => a.startsWith(`--${name}=`));
  return hit ? Number(hit.slice(name.length + 3)) : fallback;
};
const OPS = arg('ops', 60_000);
const WRITERS = arg('writers', 4);
const TEXTS = arg('texts', 8);
let seed = arg('seed', 18);

/** mulberry32: a small seeded PRNG, so runs compare. */
function random() {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (n) => Math.floor(random() * n);
const WORDS =
  'the state shall adopt a law on equal rights quotas in parliament by 2030 equal pay audits fund shelters in every region train the police and judges ensure access to justice for survivors'.split(
    ' ',
  );

if (typeof globalThis.gc !== 'function') {
  console.error('run with node --expose-gc');
  process.exit(1);
}

// The server's doc creates the fragments (as rec.create does), the writers join it.
const origin = new Y.Doc();
origin.transact(() => {
  const texts = origin.getMap('texts');
  for (let i = 0; i < TEXTS; i++) {
    const f = new Y.XmlFragment();
    texts.set(`r${i}`, f);
    const p = new Y.XmlElement('paragraph');
    p.insert(0, [new Y.XmlText('')]);
    f.insert(0, [p]);
  }
});
const base = Y.encodeStateAsUpdate(origin);
const servers = { gcTrue: new Y.Doc({ gc: true }), gcFalse: new Y.Doc({ gc: false }) };
for (const d of Object.values(servers)) Y.applyUpdate(d, base);
const writers = Array.from({ length: WRITERS }, () => {
  const d = new Y.Doc();
  Y.applyUpdate(d, base);
  return d;
});

// Each update a writer makes reaches the others and both server docs.
for (const w of writers) {
  w.on('update', (u, from) => {
    if (from === 'remote') return;
    for (const other of writers) if (other !== w) Y.applyUpdate(other, u, 'remote');
    for (const s of Object.values(servers)) Y.applyUpdate(s, u, 'remote');
  });
}

const paragraphs = (doc, t) => doc.getMap('texts').get(`r${t}`);
let typed = 0;
let deleted = 0;
const started = performance.now();
for (let op = 0; op < OPS; op++) {
  const w = writers[pick(WRITERS)];
  const f = paragraphs(w, pick(TEXTS));
  const p = f.get(pick(f.length));
  const text = p.get(0);
  const len = text.length;
  const r = random();
  if (r < 0.8 || len < 40) {
    // Typing: a word and a space where the writer's caret is.
    const word = `${WORDS[pick(WORDS.length)]} `;
    text.insert(pick(len + 1), word);
    typed += word.length;
  } else if (r < 0.95) {
    // Backspacing a few characters.
    const n = 1 + pick(6);
    const at = Math.max(0, pick(len) - n);
    text.delete(at, Math.min(n, len - at));
    deleted += Math.min(n, len - at);
  } else if (r < 0.99) {
    // Rewriting a phrase: a selection replaced.
    const n = Math.min(len, 20 + pick(120));
    const at = pick(len - n + 1);
    w.transact(() => {
      text.delete(at, n);
      text.insert(at, `${WORDS[pick(WORDS.length)]} ${WORDS[pick(WORDS.length)]} `);
    });
    deleted += n;
  } else if (f.length < 12) {
    // A new paragraph.
    const np = new Y.XmlElement('paragraph');
    np.insert(0, [new Y.XmlText(`${WORDS[pick(WORDS.length)]} `)]);
    f.insert(f.length, [np]);
  }
}
const replayMs = performance.now() - started;

function liveChars(doc) {
  let n = 0;
  for (let t = 0; t < TEXTS; t++)
    for (const p of paragraphs(doc, t).toArray()) n += p.get(0).length;
  return n;
}

/** Heap one doc loaded from `state` holds, in bytes: 5 copies held at once, per copy. */
function heapOf(state, gc) {
  const COPIES = 5;
  globalThis.gc();
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const held = [];
  for (let i = 0; i < COPIES; i++) {
    const d = new Y.Doc({ gc });
    Y.applyUpdate(d, state);
    held.push(d);
  }
  globalThis.gc();
  globalThis.gc();
  const per = (process.memoryUsage().heapUsed - before) / COPIES;
  // Read them after measuring so they are alive while measured.
  if (held.some((d) => d.store.clients.size === 0)) throw new Error('empty doc');
  return per;
}

/** Milliseconds to load a doc from `state` (median of 7). */
function loadMs(state, gc) {
  const samples = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const d = new Y.Doc({ gc });
    Y.applyUpdate(d, state);
    samples.push(performance.now() - t0);
    d.destroy();
  }
  return samples.sort((a, b) => a - b)[3];
}

const kib = (b) => `${(b / 1024).toFixed(0)} KiB`;
const rows = Object.entries(servers).map(([name, doc]) => {
  const gc = name === 'gcTrue';
  const state = Y.encodeStateAsUpdate(doc);
  return {
    name: gc ? 'gc: true (today)' : 'gc: false',
    live: liveChars(doc),
    bytes: state.byteLength,
    heap: heapOf(state, gc),
    load: loadMs(state, gc),
  };
});
if (rows[0].live !== rows[1].live) throw new Error('the two server docs disagree');

console.log(
  `Drafting session: ${OPS} edits by ${WRITERS} writers in ${TEXTS} texts ` +
    `(${typed} characters typed, ${deleted} deleted; replayed in ${(replayMs / 1000).toFixed(1)} s); ` +
    `live text ${rows[0].live} characters.`,
);
console.log(
  '| server doc | encoded (stored, sent to a fresh client) | heap once loaded | load time |',
);
console.log('| --- | --- | --- | --- |');
for (const r of rows)
  console.log(`| ${r.name} | ${kib(r.bytes)} | ${kib(r.heap)} | ${r.load.toFixed(1)} ms |`);
const [t, f] = rows;
console.log(
  `gc: false costs ×${(f.bytes / t.bytes).toFixed(1)} bytes, ×${(f.heap / t.heap).toFixed(1)} heap, ×${(f.load / t.load).toFixed(1)} load time.`,
);
