import { WriteRefusal } from './wire.js';

/**
 * Why the document guard denied a client's update: one stable code per rule,
 * declared here once with the message that becomes the detail of the close
 * reason (`"write-refused: meeting is closed"`, see {@link writeRefusalReason}).
 *
 * Vocabulary: the guard *denies* an update (a {@link GuardDenialCode}); the
 * room then *refuses the write*: it closes the socket with the code's
 * {@link WriteRefusal} kind and message. The messages are part of the wire:
 * the client reads the client id out of a `client-id-taken` detail and picks
 * its notice by the detail (`meeting is closed`), so they change only with
 * the client.
 *
 * Each entry: `message` builds the detail from the rule's parameters;
 * `kind` is what an honest client should do (absent: {@link WriteRefusal.refused}).
 * Messages are built only when an update is denied: the accept path
 * allocates nothing for them.
 */
export const GUARD_DENIALS = {
  // Form: the bytes are not an update Yjs encoders write.
  /** Yjs's own readers (lib0, JSON.parse) threw on it: `detail` is their message. */
  unreadable: { message: (detail: string) => `malformed update: ${detail}` },
  truncated: { message: () => 'malformed update: truncated' },
  unknown_value_tag: { message: () => 'malformed update: unknown value tag' },
  unknown_type: { message: () => 'malformed update: unknown type' },
  unknown_content_kind: { message: () => 'malformed update: unknown content kind' },
  value_read_twice: { message: () => 'malformed update: value read twice differently' },
  client_listed_twice: { message: () => 'malformed update: client listed twice' },
  flags_on_gc: { message: () => 'malformed update: flags on a GC/skip struct' },
  bad_parent_info: { message: () => 'malformed update: bad parent info' },
  empty_struct: { message: () => 'malformed update: empty struct' },
  clock_overflow: { message: () => 'malformed update: clock overflow' },
  delete_client_listed_twice: {
    message: () => 'malformed update: client listed twice in delete set',
  },
  empty_deleted_range: { message: () => 'malformed update: empty deleted range' },
  unsorted_deleted_ranges: { message: () => 'malformed update: unsorted deleted ranges' },
  trailing_bytes: { message: () => 'malformed update: trailing bytes' },
  later_own_clock: {
    message: () => 'malformed update: struct refers to a later clock of its own client',
  },
  subdocument: { message: () => 'subdocuments are not allowed' },
  value_too_deep: { message: () => 'value nested too deeply' },
  proto_key: { message: () => 'value with a __proto__ key' },

  // Caps on one update.
  too_many_clients: {
    message: (clients: number, max: number) => `too many client ids (${clients} > ${max})`,
  },
  too_many_structs: { message: (max: number) => `too many structs (> ${max})` },
  nested_too_deeply: { message: (max: number) => `nested too deeply (> ${max})` },

  // Dependencies: Yjs would park the update as pending for good.
  client_gap: {
    message: (client: number, clock: number, state: number) =>
      `missing dependency: client ${client} starts at ${clock}, room has ${state}`,
  },
  skip_struct: { message: () => 'missing dependency: update has a gap (skip struct)' },
  known_struct_unknown_ref: {
    message: () => 'missing dependency: known struct refers to unknown id',
  },
  circular_dependency: {
    message: () => 'missing dependency: circular references between clients',
  },
  unknown_ref: {
    message: (client: number, clock: number) =>
      `missing dependency: refers to ${client}:${clock}, unknown to the room`,
  },
  unknown_deleted: {
    message: (client: number, clock: number) =>
      `missing dependency: deletes ${client}:${clock}, unknown to the room`,
  },
  unknown_parent: { message: () => 'missing dependency: unknown parent' },
  unknown_origin: { message: () => 'missing dependency: unknown origin' },

  // Who may write now.
  read_only_role: { message: (role: string) => `role '${role}' may not edit texts` },
  display_read_only: { message: () => 'a display link may not edit texts' },
  meeting_closed: { message: () => 'meeting is closed' },

  // Client ids: an honest client hits the first two only by chance or theft, and re-keys.
  server_client_id: {
    message: (id: number) => `client id ${id} is the server's`,
    kind: WriteRefusal.clientIdTaken,
  },
  foreign_client_id: {
    message: (id: number) => `client id ${id} belongs to another user`,
    kind: WriteRefusal.clientIdTaken,
  },
  member_client_ids: { message: () => 'too many client ids for one member in this meeting' },
  meeting_client_ids: { message: () => 'too many client ids in this meeting' },

  // Region: where a new item lands, or which item a deletion takes.
  new_root: { message: (root: string) => `writes a new root '${root}'` },
  texts_map: {
    message: (entry: string) => `writes the texts map itself (entry '${entry}')`,
  },
  control_root: { message: (root: string) => `writes control root '${root}'` },
  outside_texts: {
    message: (root: string) => `writes outside the texts fragments (root '${root}')`,
  },
  fragment_key: { message: () => 'sets a key on a texts fragment' },
  removed_text: {
    message: (rec: string) => `writes the text of removed recommendation '${rec}'`,
  },
  delete_texts_map: {
    message: (entry: string) => `deletion writes the texts map itself (entry '${entry}')`,
  },
  delete_control_root: { message: (root: string) => `deletion writes control root '${root}'` },
  delete_outside_texts: {
    message: (root: string) => `deletion writes outside the texts fragments (root '${root}')`,
  },
  delete_fragment_key: { message: () => 'deletion sets a key on a texts fragment' },
  delete_removed_text: {
    message: (rec: string) => `deletion writes the text of removed recommendation '${rec}'`,
  },
  // An agreed text: read-only to every member, chair included, until the chair sets it back.
  agreed_text: {
    message: (rec: string) => `writes the text of agreed recommendation '${rec}'`,
  },
  delete_agreed_text: {
    message: (rec: string) => `deletion writes the text of agreed recommendation '${rec}'`,
  },
  origins_differ: { message: () => 'origins under different parents' },
  parent_not_type: { message: () => 'parent is not a type' },
  overlap_other_parent: { message: () => 'partly known struct under a different parent' },

  // What may lie inside a fragment: the editor's schema.
  content_kind: {
    message: (contentRef: number, typeRef: number) =>
      `content kind ${contentRef}/${typeRef} not allowed in texts`,
  },
  schema_content_kind: {
    message: (contentRef: number) => `content kind ${contentRef} not allowed in texts`,
  },
  string_outside_text: { message: () => 'string outside text' },
  format_outside_text: { message: () => 'format outside text' },
  /** A format the editor has no mark for, or a mark value outside its rule (`formatProblem`). */
  bad_format: { message: (problem: string) => problem },
  value_outside_attribute: { message: () => 'a value outside an attribute' },
  attribute_on_text: { message: () => 'attribute on text' },
  attribute_on_fragment: { message: () => 'attribute on the fragment' },
  attribute_values: { message: () => 'attribute with several values' },
  /** An attribute the element does not have, or a value outside its rule (`nodeAttrProblem`). */
  bad_attribute: { message: (problem: string) => problem },
  element_under_key: { message: () => 'element under an attribute key' },
  element_in_text: { message: () => 'element inside text' },
  text_not_allowed: { message: (element: string) => `text in '${element}'` },
  unknown_element: { message: (name: string) => `unknown element '${name}'` },
  child_not_allowed: {
    message: (name: string, parent: string) => `'${name}' not allowed in '${parent}'`,
  },
  text_outside_element: { message: () => 'inside text outside an element' },
  inside_text_not_allowed: { message: (element: string) => `inside text in '${element}'` },
  foreign_type: { message: () => 'inside a type the editor does not use' },
  inside_unknown_element: { message: (name: string) => `inside unknown element '${name}'` },

  // Suggestions (issue 18): who a mark names, and what "suggestions only" allows a participant.
  suggestion_forged: {
    message: (kind: string) => `a ${kind} suggestion in another member's name`,
  },
  suggestion_bad_id: { message: (kind: string) => `a ${kind} suggestion with a malformed id` },
  suggestion_bad_time: {
    message: (kind: string) => `a new ${kind} suggestion dated far from the server's clock`,
  },
  suggestion_unmarked: {
    message: () => 'suggestions only: new text not marked as your suggestion',
  },
  suggestion_direct_delete: { message: () => 'suggestions only: deletes text directly' },
  suggestion_direct_edit: { message: () => 'suggestions only: changes text directly' },
  suggestion_structure: {
    message: () => 'suggestions only: changes the structure of the text',
  },

  // A guard bug caught by its own consistency checks: denied rather than applied.
  unresolved_parent: { message: () => 'internal: parent not resolved' },
  unresolved_dependency: { message: () => 'internal: dependency not yet resolved' },
} as const satisfies Record<string, { message: (...args: never[]) => string; kind?: WriteRefusal }>;

/** A stable code for one rule of the document guard (keys of {@link GUARD_DENIALS}). */
export type GuardDenialCode = keyof typeof GUARD_DENIALS;

/** The parameters the message of `C` is built from. */
export type GuardDenialArgs<C extends GuardDenialCode> = Parameters<
  (typeof GUARD_DENIALS)[C]['message']
>;

/**
 * The detail of the close reason for a denial (what follows `"write-refused: "`).
 *
 * @example guardDenialMessage('control_root', 'agenda') // "writes control root 'agenda'"
 */
export function guardDenialMessage<C extends GuardDenialCode>(
  code: C,
  ...args: GuardDenialArgs<C>
): string {
  const message = GUARD_DENIALS[code].message as (...a: GuardDenialArgs<C>) => string;
  return message(...args);
}

/** What an honest client should do about a denial of `code`. */
export function guardDenialKind(code: GuardDenialCode): WriteRefusal {
  const entry = GUARD_DENIALS[code];
  return 'kind' in entry ? entry.kind : WriteRefusal.refused;
}
