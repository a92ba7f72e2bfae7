import { CARET_COLOURS, preferredCaretColour } from '@kenes/shared';

/**
 * Caret colours of one room: each person keeps one colour while the room is
 * loaded (stable: all their tabs and reconnects get the same one), starting
 * from the slot their user id prefers; when someone present already holds
 * it, the next free slot, so colours are distinct within a meeting up to
 * the palette's size (then they repeat).
 *
 * With several processes (Redis) each process assigns its own sockets'
 * colours; two people on different processes may then share one.
 */
export class CaretColours {
  /** userId → palette index. */
  private readonly held = new Map<string, number>();

  /** The colour of `userId`, assigned on first call. */
  colourOf(userId: string): string {
    let slot = this.held.get(userId);
    if (slot === undefined) {
      slot = this.freeSlotFrom(preferredCaretColour(userId));
      this.held.set(userId, slot);
    }
    return CARET_COLOURS[slot]!;
  }

  /** Frees `userId`'s colour (their last socket left the room). */
  release(userId: string): void {
    this.held.delete(userId);
  }

  private freeSlotFrom(start: number): number {
    const taken = new Set(this.held.values());
    const n = CARET_COLOURS.length;
    for (let i = 0; i < n; i++) {
      const slot = (start + i) % n;
      if (!taken.has(slot)) return slot;
    }
    return start;
  }
}
