import type * as Y from 'yjs';
import type { UpdateGuard, UpgradeAuthorizer } from './seams.js';
import { inspectUpdate } from './updateInfo.js';

/**
 * TEMPORARY seams for the foundation issue, until accounts (the real
 * authorizer in server/src/auth) and the document guard (server/src/guard)
 * land. main.ts wires these; the lead replaces them. Never use them in
 * production: they admit anyone and check nothing but decoding.
 */

/** TEMPORARY: admits every upgrade as a participant named "dev". */
export const devAuthorizer: UpgradeAuthorizer = {
  async authorize() {
    return {
      ok: true,
      principal: {
        userId: 'dev',
        sessionId: 'dev',
        name: 'Developer',
        organisation: 'Kenes',
        orgType: 'other',
        role: 'participant',
      },
    };
  },
};

/** TEMPORARY: accepts every update that decodes; refuses malformed ones. */
export const devGuard: UpdateGuard = {
  check(doc: Y.Doc, update: Uint8Array) {
    try {
      return { ok: true, ...inspectUpdate(doc, update) };
    } catch {
      return { ok: false, reason: 'malformed update' };
    }
  },
};
