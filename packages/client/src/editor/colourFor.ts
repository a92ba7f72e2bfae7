import { CARET_COLOURS, preferredCaretColour } from '@kenes/shared';

/**
 * A person's caret colour when the server has not assigned one (their own
 * entry, or a state from an older server): their preferred palette slot.
 * Always `#rrggbb`, the only format the caret plugin accepts. Its own module:
 * the room uses it without loading the editor.
 */
export function colourFor(id: string): string {
  return CARET_COLOURS[preferredCaretColour(id)] ?? CARET_COLOURS[0];
}
