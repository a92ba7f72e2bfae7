import * as decoding from 'lib0/decoding';
import type { GuardLimits } from './limits.js';
import { deny } from './GuardDenial.js';
import { readByte, readJson, readString, readUint, remaining, skipAny } from './readValue.js';

/**
 * Strict decoder of the Yjs update v1 format, written for the guard.
 *
 * Why not `Y.decodeUpdate`: it builds full Item objects for every struct
 * before any cap can be checked (40,000 fake clients cost seconds), does not
 * report trailing bytes, tolerates values Yjs never writes (a parent-info
 * varint other than 0/1, zero-length structs, a client listed twice — of
 * which Yjs applies only the last), and lets lib0 read past the end of a
 * pooled buffer's view. Here every cap is checked as soon as its count is
 * read, and anything a Yjs encoder would not produce is denied. Values are
 * read with lib0's own functions so that the guard sees what Yjs will see.
 *
 * The layout mirrors `readClientsStructRefs` and `readAndApplyDeleteSet` of
 * yjs 13.6 (src/utils/encoding.js, src/utils/DeleteSet.js).
 */

/** Content kinds (low five bits of a struct's info byte), as Yjs numbers them. */
export const ContentRef = {
  gc: 0,
  deleted: 1,
  json: 2,
  binary: 3,
  string: 4,
  embed: 5,
  format: 6,
  type: 7,
  any: 8,
  doc: 9,
  skip: 10,
} as const;

/** Type kinds of ContentType, as Yjs numbers them (`typeRefs`). */
export const TypeRef = {
  array: 0,
  map: 1,
  text: 2,
  xmlElement: 3,
  xmlFragment: 4,
  xmlHook: 5,
  xmlText: 6,
} as const;

const BIT6 = 32; // parentSub follows (only when the parent is written)
const BIT7 = 64; // rightOrigin follows
const BIT8 = 128; // origin follows
const BITS5 = 31;

/** A Yjs id: (client, clock). */
export interface StructId {
  client: number;
  clock: number;
}

/** One struct of an update, as written (before Yjs resolves anything). */
export interface DecodedStruct {
  kind: 'item' | 'gc' | 'skip';
  client: number;
  clock: number;
  length: number;
  /** Left neighbour at creation; Yjs takes the parent from it when no parent is written. */
  origin: StructId | null;
  /** Right neighbour at creation. */
  rightOrigin: StructId | null;
  /** Root name, when the parent is written as a root key. */
  parentKey: string | null;
  /** Id of the parent type's item, when the parent is written as an id. */
  parentId: StructId | null;
  /** Map key (only read when the parent is written). */
  parentSub: string | null;
  /** Content kind ({@link ContentRef}). */
  contentRef: number;
  /** Type kind ({@link TypeRef}) for ContentType, else -1. */
  typeRef: number;
  /** Element name of a ContentType Y.XmlElement, else null (the schema check reads it). */
  nodeName: string | null;
  /** Key of a ContentFormat, else null. */
  formatKey: string | null;
  /** Value of a ContentFormat, or of a ContentAny holding exactly one value; else undefined. */
  value: unknown;
  /** Number of values of a ContentAny (an attribute holds one), else 0. */
  valueCount: number;
  /** Scratch mark for the guard's dependency walk (0 = unvisited). */
  mark: number;
}

/** The structs of one client in an update: consecutive clocks from `clock` to `end`. */
export interface ClientGroup {
  client: number;
  clock: number;
  end: number;
  structs: DecodedStruct[];
}

/** One deleted range `[clock, end)` of a client. */
export interface DeleteRange {
  client: number;
  clock: number;
  end: number;
}

/** A whole update, decoded and checked for form and caps. */
export interface DecodedUpdate {
  groups: ClientGroup[];
  byClient: Map<number, ClientGroup>;
  /** Deleted ranges, sorted and disjoint per client. */
  deletes: DeleteRange[];
  structCount: number;
}

function readId(d: decoding.Decoder): StructId {
  const client = readUint(d);
  const clock = readUint(d);
  return { client, clock };
}

/**
 * Reads an item's content and returns its length in clocks, as the matching
 * Yjs content class would compute it (`getLength`).
 */
function readContent(
  d: decoding.Decoder,
  ref: number,
  s: DecodedStruct,
  limits: GuardLimits,
): number {
  switch (ref) {
    case ContentRef.deleted:
      return readUint(d);
    case ContentRef.json: {
      const len = readUint(d);
      if (len > remaining(d)) deny('truncated');
      for (let i = 0; i < len; i++) {
        // Yjs stores the literal string 'undefined' for undefined entries.
        const save = d.pos;
        if (readString(d) !== 'undefined') {
          d.pos = save;
          readJson(d, limits.maxDepth);
        }
      }
      return len;
    }
    case ContentRef.binary:
      decoding.readVarUint8Array(d);
      return 1;
    case ContentRef.string:
      // ContentString's length is the UTF-16 length of the decoded string.
      return readString(d).length;
    case ContentRef.embed:
      readJson(d, limits.maxDepth);
      return 1;
    case ContentRef.format:
      s.formatKey = readString(d);
      s.value = readJson(d, limits.maxDepth);
      return 1;
    case ContentRef.type: {
      const typeRef = readUint(d);
      if (typeRef > TypeRef.xmlText) deny('unknown_type');
      if (typeRef === TypeRef.xmlElement) s.nodeName = readString(d);
      else if (typeRef === TypeRef.xmlHook) readString(d);
      s.typeRef = typeRef;
      return 1;
    }
    case ContentRef.any: {
      const len = readUint(d);
      if (len > remaining(d)) deny('truncated');
      const start = d.pos;
      for (let i = 0; i < len; i++) skipAny(d, limits.maxDepth);
      s.valueCount = len;
      if (len === 1) {
        // Validated above (depth, tags, no __proto__): now read it as Yjs will,
        // with lib0's own reader, for the schema's attribute check.
        const end = d.pos;
        d.pos = start;
        s.value = decoding.readAny(d);
        if (d.pos !== end) deny('value_read_twice');
      }
      return len;
    }
    case ContentRef.doc:
      // Yjs constructs a Y.Doc with client-chosen options just by reading
      // this, even for structs it then skips; Kenes has no subdocuments.
      return deny('subdocument');
    default:
      return deny('unknown_content_kind');
  }
}

/**
 * Decodes a whole v1 update, denying (throwing a GuardDenial or a lib0 error)
 * when it is malformed, truncated, followed by trailing bytes, not in the
 * canonical shape Yjs encoders produce, or over the caps.
 */
export function decodeUpdateStrict(update: Uint8Array, limits: GuardLimits): DecodedUpdate {
  const d = decoding.createDecoder(update);
  const groups: ClientGroup[] = [];
  const byClient = new Map<number, ClientGroup>();

  const numClients = readUint(d);
  // Checked before reading anything else: the cost of an update grows with
  // its clients (map-key conflicts are resolved pairwise).
  if (numClients > limits.maxClients) deny('too_many_clients', numClients, limits.maxClients);
  let structCount = 0;
  for (let c = 0; c < numClients; c++) {
    const numStructs = readUint(d);
    structCount += numStructs;
    if (structCount > limits.maxStructs) deny('too_many_structs', limits.maxStructs);
    const client = readUint(d);
    // Yjs keeps only the last list of a repeated client: what we checked
    // would not be what it applies.
    if (byClient.has(client)) deny('client_listed_twice');
    let clock = readUint(d);
    const group: ClientGroup = { client, clock, end: clock, structs: [] };
    for (let i = 0; i < numStructs; i++) {
      const info = readByte(d);
      const ref = info & BITS5;
      const s: DecodedStruct = {
        kind: 'item',
        client,
        clock,
        length: 0,
        origin: null,
        rightOrigin: null,
        parentKey: null,
        parentId: null,
        parentSub: null,
        contentRef: ref,
        typeRef: -1,
        nodeName: null,
        formatKey: null,
        value: undefined,
        valueCount: 0,
        mark: 0,
      };
      if (ref === ContentRef.gc || ref === ContentRef.skip) {
        // Yjs ignores the high bits here; its encoders never set them.
        if (info !== ref) deny('flags_on_gc');
        s.kind = ref === ContentRef.gc ? 'gc' : 'skip';
        s.length = readUint(d);
      } else {
        if ((info & BIT8) !== 0) s.origin = readId(d);
        if ((info & BIT7) !== 0) s.rightOrigin = readId(d);
        if ((info & (BIT7 | BIT8)) === 0) {
          const parentInfo = readUint(d);
          if (parentInfo === 1) s.parentKey = readString(d);
          else if (parentInfo === 0) s.parentId = readId(d);
          else deny('bad_parent_info');
          if ((info & BIT6) !== 0) s.parentSub = readString(d);
        }
        s.length = readContent(d, ref, s, limits);
      }
      // A zero-length struct would share its id with the next one.
      if (s.length < 1) deny('empty_struct');
      if (clock + s.length > Number.MAX_SAFE_INTEGER) deny('clock_overflow');
      clock += s.length;
      group.structs.push(s);
    }
    group.end = clock;
    groups.push(group);
    byClient.set(client, group);
  }

  // Delete set. Its clients are not capped by maxClients: a legitimate sync
  // step 2 carries the delete set of every client that ever deleted, and a
  // long-lived meeting sees hundreds of client ids (one per page load). Its
  // cost is bounded instead by requiring sorted, disjoint ranges (what Yjs
  // encoders write) so each doc struct is visited at most once.
  const deletes: DeleteRange[] = [];
  const dsClients = readUint(d);
  if (dsClients > remaining(d)) deny('truncated');
  const seen = new Set<number>();
  for (let c = 0; c < dsClients; c++) {
    const client = readUint(d);
    if (seen.has(client)) deny('delete_client_listed_twice');
    seen.add(client);
    const n = readUint(d);
    if (n > remaining(d)) deny('truncated');
    let prevEnd = 0;
    for (let i = 0; i < n; i++) {
      const clock = readUint(d);
      const len = readUint(d);
      if (len < 1) deny('empty_deleted_range');
      if (clock < prevEnd) deny('unsorted_deleted_ranges');
      const end = clock + len;
      if (end > Number.MAX_SAFE_INTEGER) deny('clock_overflow');
      deletes.push({ client, clock, end });
      prevEnd = end;
    }
  }

  if (d.pos !== update.length) deny('trailing_bytes');
  return { groups, byClient, deletes, structCount };
}
