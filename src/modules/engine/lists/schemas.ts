/**
 * Request and response schemas of `/api/v1/lists`. Responses list every property and forbid others;
 * request bodies forbid unknown properties too (they are dropped by validation, never stored).
 */
import Type, { type Static } from 'typebox';

const Name = Type.String({
  pattern: '^[a-z][a-z0-9_]{0,63}$',
  description: 'list name, as rules write it in in_list / ip_in / 名单名称',
});
// Spelled out (not mapped from LIST_KINDS) so that the static type keeps every literal.
const Kind = Type.Union(
  [
    Type.Literal('id_number'),
    Type.Literal('phone'),
    Type.Literal('bank_card'),
    Type.Literal('ip'),
    Type.Literal('device_id'),
    Type.Literal('account'),
    Type.Literal('user_id'),
    Type.Literal('string'),
  ],
  { description: 'what the values are; id_number, phone and bank_card are stored as keyed hashes' },
);
const Purpose = Type.Union([Type.Literal('block'), Type.Literal('allow'), Type.Literal('watch')]);
const Bilingual = Type.Object({ en: Type.String(), zh: Type.String() }, { additionalProperties: false });
const DescriptionIn = Type.Object(
  { en: Type.Optional(Type.String({ maxLength: 500 })), zh: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false, description: 'one language fills the other when only one is given' },
);
const Actor = Type.Object(
  {
    type: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
    id: Type.String(),
  },
  { additionalProperties: false },
);
const Time = Type.String({ format: 'date-time' });
const Reason = Type.String({ minLength: 1, maxLength: 500 });
const Source = Type.String({
  minLength: 1,
  maxLength: 100,
  description: 'where the listing comes from / 来源',
});
const Expiry = Type.Union([Time, Type.Null()], {
  description: 'RFC 3339 time with offset after which the entry no longer matches; null for never',
});

/** A list. */
export const List = Type.Object(
  {
    name: Name,
    kind: Kind,
    purpose: Purpose,
    protected: Type.Boolean({ description: 'changes need four-eyes approval' }),
    hashed: Type.Boolean({ description: 'values stored as keyed hashes' }),
    description: Bilingual,
    created_by: Actor,
    created_at: Time,
    updated_at: Time,
    version: Type.Integer({ description: 'moves with every change of the list or its entries' }),
    entries: Type.Integer({ description: 'number of entries, expired ones included' }),
  },
  { additionalProperties: false },
);

/** Every list. */
export const ListList = Type.Object({ items: Type.Array(List) }, { additionalProperties: false });

/** `POST /lists`. */
export const CreateBody = Type.Object(
  {
    name: Name,
    kind: Kind,
    purpose: Purpose,
    protected: Type.Optional(Type.Boolean({ default: false })),
    description: Type.Optional(DescriptionIn),
  },
  { additionalProperties: false },
);
export type CreateBody = Static<typeof CreateBody>;

/** `PATCH /lists/{name}`. */
export const PatchBody = Type.Object(
  {
    description: Type.Optional(DescriptionIn),
    protected: Type.Optional(
      Type.Boolean({
        description: 'true protects the list; lifting it needs a four-eyes change (op unprotect)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Path of one list. */
export const NameParams = Type.Object({ name: Name }, { additionalProperties: false });

/** Path of one entry: the value in clear, or the stored hash for hashed kinds (URL-encoded). */
export const EntryParams = Type.Object(
  { name: Name, value: Type.String({ minLength: 1, maxLength: 300 }) },
  { additionalProperties: false },
);

/** `DELETE /lists/{name}`. */
export const Deleted = Type.Object(
  { name: Name, entries: Type.Integer({ description: 'entries deleted with the list' }) },
  { additionalProperties: false },
);

/** An entry, masked. */
export const Entry = Type.Object(
  {
    value: Type.String({ description: 'stored value: the keyed hash for hashed kinds' }),
    display: Type.String({ description: 'masked for hashed kinds / 脱敏显示' }),
    reason: Type.String(),
    source: Type.String(),
    created_by: Actor,
    created_at: Time,
    expires_at: Type.Union([Time, Type.Null()]),
    expired: Type.Boolean(),
  },
  { additionalProperties: false },
);

/** `GET /lists/{name}/entries` query. */
export const EntryQuery = Type.Object(
  {
    after: Type.Optional(Type.String({ maxLength: 300, description: 'next_after of the previous page' })),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    value: Type.Optional(
      Type.String({ minLength: 1, maxLength: 300, description: 'look up one value (clear or stored)' }),
    ),
  },
  { additionalProperties: false },
);

/** A page of entries. */
export const EntryPage = Type.Object(
  {
    items: Type.Array(Entry),
    total: Type.Integer(),
    next_after: Type.Union([Type.String(), Type.Null()], { description: 'pass as after for the next page' }),
  },
  { additionalProperties: false },
);

/** `POST /lists/{name}/entries`. */
export const AddBody = Type.Object(
  {
    value: Type.String({ minLength: 1, maxLength: 300 }),
    reason: Reason,
    source: Type.Optional(Source),
    expires_at: Type.Optional(Expiry),
  },
  { additionalProperties: false },
);

/** What adding did. */
export const Added = Type.Object(
  { status: Type.Union([Type.Literal('added'), Type.Literal('updated')]), entry: Entry },
  { additionalProperties: false },
);

/** `DELETE /lists/{name}/entries/{value}` query: the reason is required (audited). */
export const RemoveQuery = Type.Object({ reason: Reason }, { additionalProperties: false });

/** `POST /lists/{name}/import`. */
export const ImportBody = Type.Object(
  {
    csv: Type.String({ minLength: 1, description: 'CSV text with the header value,reason,expires_at' }),
    reason: Type.Optional(Reason),
    source: Type.Optional(Source),
  },
  { additionalProperties: false },
);

/** What an import did, row by row. */
export const ImportReport = Type.Object(
  {
    list: Name,
    rows: Type.Integer(),
    added: Type.Integer(),
    updated: Type.Integer(),
    refused: Type.Integer(),
    version: Type.Integer(),
    results: Type.Array(
      Type.Object(
        {
          row: Type.Integer({ description: 'data row, 1 = first row after the header' }),
          line: Type.Integer({ description: 'line of the file' }),
          status: Type.Union([Type.Literal('added'), Type.Literal('updated'), Type.Literal('refused')]),
          display: Type.Optional(Type.String()),
          message: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** `POST /lists/{name}/changes`. */
export const ChangeBody = Type.Object(
  {
    op: Type.Union([
      Type.Literal('add'),
      Type.Literal('remove'),
      Type.Literal('import'),
      Type.Literal('unprotect'),
    ]),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
    entries: Type.Optional(
      Type.Array(
        Type.Object(
          {
            value: Type.String({ minLength: 1, maxLength: 300 }),
            reason: Type.Optional(Reason),
            expires_at: Type.Optional(Expiry),
          },
          { additionalProperties: false },
        ),
        { maxItems: 10_000 },
      ),
    ),
    csv: Type.Optional(Type.String({ minLength: 1 })),
    source: Type.Optional(Source),
  },
  { additionalProperties: false },
);

/** A submitted change request, as `/api/v1/changes/{id}` shows it. */
export const Change = Type.Object(
  {
    id: Type.String(),
    kind: Type.String(),
    target: Type.Object({ type: Type.String(), id: Type.String() }, { additionalProperties: false }),
    content: Type.Unknown({
      description: 'op, list_kind, source and entries in stored form (hashes, masked displays)',
    }),
    reason: Type.String(),
    summary: Bilingual,
    maker: Actor,
    fingerprint: Type.String({ description: 'the list version the change was submitted against' }),
    status: Type.String(),
    submitted_at: Time,
    expires_at: Time,
    decided_by: Type.Union([Actor, Type.Null()]),
    decided_at: Type.Union([Time, Type.Null()]),
    decision_comment: Type.Union([Type.String(), Type.Null()]),
    result: Type.Unknown(),
  },
  { additionalProperties: false },
);
