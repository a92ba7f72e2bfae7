import * as Y from 'yjs';

/** The plain text of a recommendation body: its paragraphs' text, space separated. */
export function fragmentPlainText(fragment: Y.XmlFragment | Y.XmlElement): string {
  const parts: string[] = [];
  fragment.forEach((child) => {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as Array<{ insert?: unknown }>) {
        if (typeof op.insert === 'string') parts.push(op.insert);
      }
    } else if (child instanceof Y.XmlElement) {
      parts.push(fragmentPlainText(child));
    }
  });
  return parts.join(' ');
}

/** How many words a recommendation body holds (what a confirmation says will go). */
export function fragmentWords(fragment: Y.XmlFragment | null): number {
  if (fragment === null) return 0;
  const text = fragmentPlainText(fragment).trim();
  return text === '' ? 0 : text.split(/\s+/).length;
}
