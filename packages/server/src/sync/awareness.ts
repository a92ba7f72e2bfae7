import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { Principal } from './interfaces.js';
import { MalformedFrameError } from './protocol.js';

/** One entry of an awareness update: a client id, its clock and its state (null: gone). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

const utf8 = new TextDecoder('utf-8');

/**
 * Decodes an awareness update strictly: a count, then per entry a client id,
 * a clock and a JSON state. Throws {@link MalformedFrameError} on truncation,
 * trailing bytes, invalid JSON or more than `maxEntries` entries (checked
 * before decoding them, so a huge count costs nothing). An entry whose state
 * is larger than `maxStateBytes` is left out (dropped, never parsed).
 */
export function decodeAwarenessUpdate(
  payload: Uint8Array,
  maxEntries: number,
  maxStateBytes = Number.MAX_SAFE_INTEGER,
): AwarenessEntry[] {
  const d = decoding.createDecoder(payload);
  try {
    const count = decoding.readVarUint(d);
    if (count > maxEntries)
      throw new MalformedFrameError(`too many awareness entries (${count} > ${maxEntries})`);
    const entries: AwarenessEntry[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      if (!Number.isSafeInteger(clientId) || !Number.isSafeInteger(clock))
        throw new MalformedFrameError('bad varint in awareness update');
      const bytes = decoding.readVarUint8Array(d);
      if (bytes.byteLength > maxStateBytes) continue;
      const json = utf8.decode(bytes);
      let parsed: unknown;
      try {
        parsed = JSON.parse(json);
      } catch {
        throw new MalformedFrameError('awareness state is not JSON');
      }
      const state =
        typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
          ? (parsed as Record<string, unknown>)
          : null;
      if (parsed !== null && state === null)
        throw new MalformedFrameError('awareness state is not an object');
      entries.push({ clientId, clock, state });
    }
    if (decoding.hasContent(d)) throw new MalformedFrameError('trailing bytes in awareness update');
    return entries;
  } catch (err) {
    if (err instanceof MalformedFrameError) throw err;
    throw new MalformedFrameError('truncated awareness update');
  }
}

/** Encodes entries the way y-protocols' `encodeAwarenessUpdate` does. */
export function encodeAwarenessUpdate(entries: readonly AwarenessEntry[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, entries.length);
  for (const x of entries) {
    encoding.writeVarUint(e, x.clientId);
    encoding.writeVarUint(e, x.clock);
    encoding.writeVarString(e, JSON.stringify(x.state));
  }
  return encoding.toUint8Array(e);
}

interface Slot<Owner> {
  clock: number;
  state: Record<string, unknown> | null;
  owner: Owner | null;
  /** The user who last owned the id: only they may claim it again. */
  userId: string;
}

/**
 * The awareness states of one room, owned per socket. A socket owns the
 * client ids it announces first; entries for ids owned by another socket are
 * ignored (providers echo states they received, so this is routine, not an
 * attack), and so are ids bound by a write to another user: a socket may
 * only set awareness for client ids it owns. An owned id is also claimed for
 * writing (see {@link claimant}): awareness reveals a newcomer's client id
 * before it writes, and nobody else may bind it meanwhile. The server keeps
 * its own clock per id, always increasing, so that peers accept what it
 * relays even after an id was removed and re-claimed.
 */
export class RoomAwareness<Owner> {
  private readonly slots = new Map<number, Slot<Owner>>();
  private readonly owned = new Map<Owner, Set<number>>();

  /**
   * @param clockFloor the highest clock peers may already hold for an id
   *   (relayed by another process): a local claim must go above it, or
   *   peers would ignore it.
   * @param boundTo the user a client id is bound to by a write (the room's
   *   client bindings), if any: only that user may announce it.
   */
  constructor(
    private readonly maxIdsPerSocket: number,
    private readonly clockFloor: (clientId: number) => number | undefined = () => undefined,
    private readonly boundTo: (clientId: number) => string | undefined = () => undefined,
  ) {}

  /**
   * Applies `entries` sent by `owner` on behalf of `principal`; returns the
   * entries to relay (possibly none), each state as `shape` made it (the
   * room stamps identity and drops what it does not relay).
   */
  apply(
    owner: Owner,
    principal: Principal,
    entries: readonly AwarenessEntry[],
    shape: (state: Record<string, unknown>) => Record<string, unknown>,
  ): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const entry of entries) {
      const slot = this.slots.get(entry.clientId);
      if (slot?.owner != null && slot.owner !== owner) continue;
      if (!slot || slot.owner == null) {
        // Claiming: only with a real state, only the id's previous user, never
        // an id another user's writes are bound to, within the cap.
        if (entry.state === null) continue;
        if (slot && slot.userId !== principal.userId) continue;
        const bound = this.boundTo(entry.clientId);
        if (bound !== undefined && bound !== principal.userId) continue;
        const mine = this.owned.get(owner) ?? new Set<number>();
        if (mine.size >= this.maxIdsPerSocket) continue;
        mine.add(entry.clientId);
        this.owned.set(owner, mine);
      }
      const clock = Math.max(
        entry.clock,
        (slot?.clock ?? -1) + 1,
        (this.clockFloor(entry.clientId) ?? -1) + 1,
      );
      const state = entry.state === null ? null : shape(entry.state);
      this.slots.set(entry.clientId, { clock, state, owner, userId: principal.userId });
      out.push({ clientId: entry.clientId, clock, state });
    }
    return out;
  }

  /**
   * Re-shapes the present states of `owners` (their member's role changed):
   * each changed state gets the next clock; returns the entries to relay.
   */
  reshape(
    owners: Iterable<Owner>,
    shape: (state: Record<string, unknown>) => Record<string, unknown>,
  ): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const owner of owners) {
      for (const id of this.owned.get(owner) ?? []) {
        const slot = this.slots.get(id);
        if (!slot || slot.state === null) continue;
        slot.state = shape(slot.state);
        slot.clock += 1;
        out.push({ clientId: id, clock: slot.clock, state: slot.state });
      }
    }
    return out;
  }

  /** Forgets a socket's ids; returns the removals to broadcast. */
  release(owner: Owner): AwarenessEntry[] {
    const ids = this.owned.get(owner);
    this.owned.delete(owner);
    const out: AwarenessEntry[] = [];
    for (const id of ids ?? []) {
      const slot = this.slots.get(id);
      if (!slot) continue;
      slot.owner = null;
      slot.clock += 1;
      if (slot.state !== null) out.push({ clientId: id, clock: slot.clock, state: null });
      slot.state = null;
    }
    return out;
  }

  /** Every present state, except those of `exclude` (a provider must not receive its own). */
  states(exclude?: Owner): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const [clientId, s] of this.slots) {
      if (s.state !== null && s.owner !== exclude)
        out.push({ clientId, clock: s.clock, state: s.state });
    }
    return out;
  }

  /**
   * The user whose socket owns `clientId` now (announced it and is still
   * open), or undefined. The claim ends when that socket closes; a write
   * under the id binds it for good (client bindings). Bounded like the
   * sockets: at most `maxIdsPerSocket` per socket.
   */
  claimant(clientId: number): string | undefined {
    const slot = this.slots.get(clientId);
    return slot?.owner != null ? slot.userId : undefined;
  }

  /** True when a socket of this room owns `clientId` now. */
  isOwned(clientId: number): boolean {
    return this.slots.get(clientId)?.owner != null;
  }

  /** Present states owned by sockets of this room (what other processes should hear of). */
  ownedStates(): AwarenessEntry[] {
    const out: AwarenessEntry[] = [];
    for (const [clientId, s] of this.slots)
      if (s.state !== null && s.owner != null)
        out.push({ clientId, clock: s.clock, state: s.state });
    return out;
  }

  /** The client ids a socket owns. */
  idsOf(owner: Owner): number[] {
    return [...(this.owned.get(owner) ?? [])];
  }
}
