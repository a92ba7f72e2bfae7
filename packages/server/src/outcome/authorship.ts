import * as Y from 'yjs';
import {
  holdsBlocks,
  organisationKey,
  walkInline,
  readRecommendations,
  recommendationText,
  type AuthoredRun,
  type AuthorshipBlock,
  type OrgType,
  type RecommendationAuthorship,
  type XmlNode,
} from '@kenes/shared';
import type { AttributionIndex } from '../attribution/AttributionIndex.js';

/**
 * "Who wrote what": every character of a recommendation body is a Yjs item
 * whose id names the client that inserted it. The server binds each client
 * id to the first user who wrote with it (`DocStore.loadBindings`), so the
 * text splits into runs by user, hence by organisation. Text an editor
 * re-inserted while splitting, joining, moving or re-formatting paragraphs
 * carries the inserting client's id too, but the server recorded its first
 * author when it accepted that update (`attribution/`): those records come
 * first. Deleted text is not shown; formatting changes do not change who
 * wrote a character.
 */

/** A run of text inserted by one client (before attribution). */
export interface ClientRun {
  text: string;
  /** Yjs client id of the inserter, or null for a line break between blocks. */
  client: number | null;
  /** Clock of the run's first character (its Yjs item id with `client`); the run's clocks are consecutive. */
  clock?: number;
}

/** A text block of the body (`AuthorshipBlock` of `@kenes/shared`) in runs by client, unattributed. */
export interface RawAuthorshipBlock extends Omit<AuthorshipBlock, 'runs'> {
  runs: ClientRun[];
}

/** Who one client id belongs to. */
export interface Author {
  userId: string;
  name: string;
  organisation: string;
  orgType: OrgType;
}

const TEXT_BLOCKS = new Set(['paragraph', 'heading', 'codeBlock']);

/** Runs of one XmlText, item by item (the items carry the inserting client's id). */
function textRuns(text: Y.XmlText, out: ClientRun[]): void {
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    pushRun(out, item.content.str, item.id.client, item.id.clock);
  }
}

/** Appends a run, merged with the last one when it continues it (same client, next clock). */
function pushRun(out: ClientRun[], text: string, client: number | null, clock?: number): void {
  if (text === '') return;
  const last = out.at(-1);
  if (
    last &&
    last.client === client &&
    (client === null ||
      (last.clock !== undefined && clock !== undefined && last.clock + last.text.length === clock))
  )
    last.text += text;
  else out.push(clock === undefined ? { text, client } : { text, client, clock });
}

function inlineRuns(children: readonly XmlNode[], out: ClientRun[]): void {
  walkInline(children, {
    text: (node) => textRuns(node, out),
    lineBreak: () => pushRun(out, '\n', null),
  });
}

function walk(nodes: readonly XmlNode[], depth: number, out: RawAuthorshipBlock[]): void {
  for (const n of nodes) {
    if (n instanceof Y.XmlText) {
      const runs: ClientRun[] = [];
      textRuns(n, runs);
      if (runs.length) out.push({ type: 'paragraph', depth, runs });
    } else if (n instanceof Y.XmlElement) {
      const children = n.toArray();
      const isList = n.nodeName === 'bulletList' || n.nodeName === 'orderedList';
      if (TEXT_BLOCKS.has(n.nodeName) || !holdsBlocks(children)) {
        const runs: ClientRun[] = [];
        inlineRuns(children, runs);
        const level: unknown = n.getAttribute('level');
        out.push({
          type: n.nodeName,
          ...(n.nodeName === 'heading' && typeof level === 'number' ? { level } : {}),
          depth,
          runs,
        });
      } else walk(children, isList ? depth + 1 : depth, out);
    }
  }
}

/**
 * The text blocks of a body with runs by inserting client. Pure (reads only).
 * @example authorshipBlocks(recommendationText(doc, recId))
 */
export function authorshipBlocks(fragment: Y.XmlFragment | undefined): RawAuthorshipBlock[] {
  const out: RawAuthorshipBlock[] = [];
  if (fragment) walk(fragment.toArray(), 0, out);
  return out;
}

/** Every recommendation's blocks with client runs, in creation order (read inside the room). */
export function readRawAuthorship(
  doc: Y.Doc,
): Array<{ id: string; title: string; blocks: RawAuthorshipBlock[] }> {
  return readRecommendations(doc).map((r) => ({
    id: r.id,
    title: r.title,
    blocks: authorshipBlocks(recommendationText(doc, r.id)),
  }));
}

/** The moved-text records of a meeting and the identities of the users they name. */
export interface MovedText {
  index: AttributionIndex;
  /** The identity of a user named by a record (null when unknown). */
  authorOfUser(userId: string): Author | null;
}

/**
 * Attributes client runs to authors: text with a moved-text record
 * (`moved`) is its recorded first author's; other text is `authorOf(client)`,
 * the bound user's identity, or null for a client bound to no one (the
 * server's own writes, text from before bindings were kept). Adjacent runs
 * of one user merge.
 */
export function attributeAuthorship(
  raw: ReadonlyArray<{ id: string; title: string; blocks: readonly RawAuthorshipBlock[] }>,
  authorOf: (client: number) => Author | null,
  moved?: MovedText,
): RecommendationAuthorship[] {
  /** A client run in pieces by author (records first, then the binding). */
  const credit = (r: ClientRun): Array<{ text: string; author: Author | null }> => {
    if (r.client === null) return [{ text: r.text, author: null }];
    if (!moved || moved.index.empty || r.clock === undefined)
      return [{ text: r.text, author: authorOf(r.client) }];
    let at = 0;
    return moved.index.split(r.client, r.clock, r.text.length).map((p) => {
      const text = r.text.slice(at, (at += p.length));
      const author =
        p.userId === undefined
          ? authorOf(r.client!)
          : p.userId === null
            ? null
            : moved.authorOfUser(p.userId);
      return { text, author };
    });
  };
  return raw.map((rec) => {
    const chars = new Map<
      string,
      { organisation: string | null; orgType: OrgType | null; chars: number }
    >();
    const blocks = rec.blocks.map((b) => {
      const runs: AuthoredRun[] = [];
      for (const r of b.runs) {
        for (const { text, author: a } of credit(r)) {
          const run: AuthoredRun = {
            text,
            userId: a?.userId ?? null,
            name: a?.name ?? null,
            organisation: a?.organisation ?? null,
            orgType: a?.orgType ?? null,
          };
          const last = runs.at(-1);
          if (last && last.userId === run.userId && r.client !== null) last.text += text;
          else runs.push(run);
          if (r.client === null) continue; // line breaks count for no one
          const key = a ? organisationKey(a.organisation) : '';
          const entry = chars.get(key) ?? {
            organisation: a?.organisation ?? null,
            orgType: a?.orgType ?? null,
            chars: 0,
          };
          entry.chars += [...text].length;
          chars.set(key, entry);
        }
      }
      return { ...b, runs };
    });
    return {
      id: rec.id,
      title: rec.title,
      blocks,
      organisations: [...chars.values()].sort(
        (x, y) =>
          y.chars - x.chars ||
          (x.organisation ?? '\uffff').localeCompare(y.organisation ?? '\uffff'),
      ),
    };
  });
}
