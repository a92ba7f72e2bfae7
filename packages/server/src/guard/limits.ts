import { Limits } from '@kenes/shared';

/**
 * Per-update caps the guard enforces. They exist because a single hostile
 * update can otherwise stall the room: 40,000 fake client ids writing one map
 * key blocked the event loop for ~9 s (Yjs resolves map conflicts pairwise),
 * and 20,000 levels of nested types overflow `toJSON` on every reader.
 */
export interface GuardLimits {
  /** Most structs (items, GC) one update may carry, known ones included. */
  maxStructs: number;
  /** Most distinct client ids among the update's structs. */
  maxClients: number;
  /**
   * Deepest type nesting (root = 0, a texts fragment = 1) a new item may sit
   * at, and deepest nesting of a JSON/any value (attributes, formats).
   */
  maxDepth: number;
}

/** The shared wire limits, as guard limits. */
export const DEFAULT_GUARD_LIMITS: Readonly<GuardLimits> = {
  maxStructs: Limits.maxStructsPerUpdate,
  maxClients: Limits.maxClientsPerUpdate,
  maxDepth: Limits.maxNestingDepth,
};
