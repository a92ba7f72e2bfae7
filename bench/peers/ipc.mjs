// The IPC contract every compared server child speaks with bench/compare.mjs
// (bench/server.mjs speaks the same): `{type:'ready', port}` once listening;
// `{type:'prepare', meetingId, update}` → `{type:'prepared'}` after the
// document holds the bench structure (`update`: its bytes as a number array,
// built by lib/prepareDoc.mjs). CPU and RSS are read from /proc by the parent.

/**
 * Wires `prepare` and the shutdown rules.
 * @param {(meetingId: string, update: Uint8Array) => Promise<void> | void} prepare
 * @param {() => Promise<void> | void} close
 */
export function serveIpc(prepare, close) {
  process.on('message', (msg) => {
    void (async () => {
      try {
        if (msg.type === 'prepare') {
          await prepare(msg.meetingId, Uint8Array.from(msg.update));
          process.send({ type: 'prepared', meetingId: msg.meetingId });
        }
      } catch (err) {
        console.error('bench peer:', err);
        process.exit(1);
      }
    })();
  });
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void Promise.resolve()
      .then(close)
      .finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  // Never outlive the orchestrator.
  process.on('disconnect', stop);
}
