import { useCallback } from 'react';
import type * as Y from 'yjs';
import { recommendationText } from '@kenes/shared';
import { useDocValue } from '../../sync/useDocValue.js';

/** The body fragment of a recommendation, or null until the server has created it. */
export function useFragment(doc: Y.Doc, recId: string): Y.XmlFragment | null {
  const read = useCallback((d: Y.Doc) => recommendationText(d, recId) ?? null, [recId]);
  return useDocValue(doc, read);
}
