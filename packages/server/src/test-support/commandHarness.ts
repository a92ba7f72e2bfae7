import * as Y from 'yjs';
import type { Command } from '@kenes/shared';
import { applyCommand } from '../commands/apply.js';
import type { Actor, CommandInputs, CommandOutput, CommandResult } from '../commands/context.js';

/** Members used across the command tests. */
export const people = {
  chair: {
    userId: 'u-chair',
    name: 'Amb. Chair',
    organisation: 'Ministry of Foreign Affairs',
    orgType: 'government',
    role: 'chair',
  },
  alice: {
    userId: 'u-alice',
    name: 'Alice',
    organisation: 'Ombudsman Office',
    orgType: 'nhri',
    role: 'participant',
  },
  bob: {
    userId: 'u-bob',
    name: 'Bob',
    organisation: 'Women NGO Alliance',
    orgType: 'ngo',
    role: 'participant',
  },
  /** Same organisation as alice, spelled differently. */
  carol: {
    userId: 'u-carol',
    name: 'Carol',
    organisation: ' ombudsman  office',
    orgType: 'nhri',
    role: 'participant',
  },
  olga: {
    userId: 'u-olga',
    name: 'Olga',
    organisation: 'UNDP',
    orgType: 'international',
    role: 'observer',
  },
} as const satisfies Record<string, Actor>;

/**
 * A meeting document with a fake clock (each command one second later) and
 * sequential ids, for deterministic command tests.
 */
export class CommandHarness {
  readonly doc = new Y.Doc();
  now = 1_000_000;
  private seq = 0;
  readonly ids = (): string => `id${++this.seq}`;

  /** Applies a command one second after the previous one. */
  run(actor: Actor, command: Command, inputs?: CommandInputs): CommandResult {
    this.now += 1000;
    // As `loadCommandInputs` does from the store: the members' organisations for a decision.
    const given =
      inputs ??
      (command.type === 'suggestion.decide'
        ? { organisations: new Map(Object.values(people).map((p) => [p.userId, p.organisation])) }
        : undefined);
    return applyCommand(this.doc, command, actor, this.now, this.ids, given);
  }

  /** Like {@link run} but fails the test when the command is refused. */
  ok(actor: Actor, command: Command): CommandOutput {
    const r = this.run(actor, command);
    if (!r.ok) throw new Error(`${command.type} refused: ${r.status} ${r.code} ${r.message}`);
    return r.result ?? {};
  }

  /** Advances the clock by `ms` without a command. */
  tick(ms: number): void {
    this.now += ms;
  }

  /** A live meeting with one started agenda item; returns the item's id. */
  static live(): { h: CommandHarness; itemId: string } {
    const h = new CommandHarness();
    h.ok(people.chair, { type: 'meeting.setStatus', status: 'live' });
    const itemId =
      h.ok(people.chair, { type: 'agenda.add', title: 'Gender equality' }).itemId ?? '';
    h.ok(people.chair, { type: 'agenda.start', itemId });
    return { h, itemId };
  }
}
