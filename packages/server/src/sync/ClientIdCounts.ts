/**
 * How many Yjs client ids each member of a room has bound, read from the
 * room's `owners` map (client id → user id). Bindings are only ever added,
 * so the counts are rebuilt only when the map has grown since the last
 * read: once per batch that bound new ids, never per keystroke.
 */
export class ClientIdCounts {
  private perUser = new Map<string, number>();
  private counted = -1;

  constructor(private readonly owners: ReadonlyMap<number, string>) {}

  /** Ids bound to `userId`, and to anyone. */
  of(userId: string): { user: number; total: number } {
    if (this.owners.size !== this.counted) {
      this.perUser = new Map();
      for (const owner of this.owners.values())
        this.perUser.set(owner, (this.perUser.get(owner) ?? 0) + 1);
      this.counted = this.owners.size;
    }
    return { user: this.perUser.get(userId) ?? 0, total: this.owners.size };
  }
}
