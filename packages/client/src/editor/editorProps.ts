import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { DescribeSuggestion } from './suggestingExtension.js';

/** Suggesting mode of one editor (issue 18). */
export interface SuggestingMode {
  /** The editor is in suggesting mode. */
  on: boolean;
  /** The chair made this text "suggestions only" for me: the toggle cannot turn it off. */
  forced: boolean;
  onToggle(): void;
  /** A suggestion's label and colour: who (server records) and when (the mark's time, or null). */
  describe: DescribeSuggestion;
  /** The server's time as this client reckons it (epoch ms): a new suggestion's `at`. */
  now?: () => number;
}

/** Who is typing, for the caret label others see (the server stamps identity anyway). */
export interface CaretUser {
  id: string;
  name: string;
  organisation: string;
  orgType?: string;
  role?: string;
  color: string;
}

/** Props of {@link RecommendationEditor}. */
export interface RecommendationEditorProps {
  /** The recommendation's body: `meetingRoots(doc).texts.get(recId)`. */
  fragment: Y.XmlFragment;
  /** False for observers (and anyone who may not edit): then nothing is ever written. */
  editable: boolean;
  awareness: Awareness | null;
  user: CaretUser;
  /** Accessible name of the text box. */
  label: string;
  /** Suggesting mode and suggestion labels; absent: neither. */
  suggesting?: SuggestingMode;
}
