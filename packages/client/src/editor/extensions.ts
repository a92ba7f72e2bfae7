import { editorExtensions } from '@kenes/shared';

/**
 * The editor's schema: StarterKit without its own undo/redo history and
 * without links, defined once in @kenes/shared (`doc/editor.ts`) so that
 * the server's guard checks every edit against the very same schema.
 */
export const baseExtensions = editorExtensions;

/** A calm, distinguishable colour per person (caret and label), from their id. */
export function colourFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  // Hues spaced by the golden angle, at a lightness dark enough for white text (AA).
  return `hsl(${Math.round((h * 137.508) % 360)} 70% 32%)`;
}

/**
 * The caret label another person's cursor carries: "Name · Organisation".
 * Built with DOM text nodes (never HTML), as names come from other users.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  const colour = typeof user.color === 'string' ? user.color : '#444';
  caret.style.borderColor = colour;
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = colour;
  const name = typeof user.name === 'string' ? user.name : '';
  const org = typeof user.organisation === 'string' ? user.organisation : '';
  label.textContent = org === '' ? name : `${name} · ${org}`;
  caret.append(label);
  return caret;
}
