import { editorExtensions } from '@kenes/shared';
import { isCaretColour } from '@kenes/shared';
import { colourFor } from './colourFor.js';

/**
 * The editor's schema: StarterKit without its own undo/redo history and
 * without links, defined once in @kenes/shared (`doc/editor.ts`) so that
 * the server's guard checks every edit against the very same schema.
 */
export const baseExtensions = editorExtensions;

/** Class of a remote caret's element (styles.css draws it; the editor's parser ignores it). */
export const CARET_CLASS = 'collaboration-carets__caret';

/**
 * The caret another person's cursor carries, labelled "Name · Organisation".
 * The label is drawn by CSS from `data-label` (`::before`): the caret holds
 * no text node, so no browser edit around it can turn the name into text.
 * Hidden from assistive technology: the presence list names who is here.
 */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement('span');
  caret.className = CARET_CLASS;
  caret.setAttribute('aria-hidden', 'true');
  const colour = isCaretColour(user.color) ? user.color : colourFor(str(user.id));
  caret.style.borderColor = colour;
  const label = document.createElement('span');
  label.className = 'collaboration-carets__label';
  label.style.backgroundColor = colour;
  const name = str(user.name).slice(0, 120);
  const org = str(user.organisation).slice(0, 200);
  label.dataset.label = org === '' ? name : `${name} · ${org}`;
  caret.append(label);
  return caret;
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
