import type * as Y from 'yjs';
import { WriteRefusal } from '@kenes/shared';
import type { GuardVerdict, UpdateGuard } from '../sync/interfaces.js';
import { inspectUpdate } from './updateInfo.js';

/**
 * A guard for sync tests: accepts any update that decodes whole, refuses a
 * malformed one, and reports `empty`/`clientIds` like the real guard. Roles
 * and regions are the real guard's business (server/src/guard).
 */
export const permissiveGuard: UpdateGuard = {
  check(doc: Y.Doc, update: Uint8Array): GuardVerdict {
    try {
      return { ok: true, ...inspectUpdate(doc, update) };
    } catch {
      return {
        ok: false,
        code: 'unreadable',
        reason: 'malformed update',
        kind: WriteRefusal.refused,
      };
    }
  },
};
