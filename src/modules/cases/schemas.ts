/**
 * Schema pieces shared by the case, incident, plan and drill routes: ids, times, actors, texts in
 * both languages, labelled words and paging. Each part's own request and response schemas live in
 * `case-schemas.ts`, `incident-schemas.ts` and `plan-schemas.ts`. Responses list every property and
 * forbid others.
 */
import Type, { type TSchema } from 'typebox';

/** An id in a path or a body. */
export const Id = Type.String({ minLength: 1, maxLength: 128 });
/** A time (RFC 3339). */
export const Time = Type.String({ format: 'date-time' });
/** A value or null. */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** Who did something. */
export const Actor = Type.Object(
  {
    type: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
    id: Type.String(),
  },
  { additionalProperties: false },
);

/** A text in both languages, as stored. */
export const Bilingual = Type.Object(
  { en: Type.String(), zh: Type.String() },
  { additionalProperties: false },
);

/** A text in one or both languages, as a person gives it (one fills the other). */
export const BilingualIn = (maxLength: number) =>
  Type.Object(
    {
      en: Type.Optional(Type.String({ maxLength })),
      zh: Type.Optional(Type.String({ maxLength })),
    },
    { additionalProperties: false },
  );

/** A word of a vocabulary with its label in both languages. */
export const Labelled = <T extends TSchema>(word: T) =>
  Type.Object({ value: word, label: Bilingual }, { additionalProperties: false });

/** Paging of a list: `limit` (default 50, at most 500) and `offset`. */
export const paging = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 })),
};

/** A page of `item` with the total number that match. */
export const PageOf = <T extends TSchema>(item: T) =>
  Type.Object(
    { items: Type.Array(item), total: Type.Integer({ minimum: 0 }) },
    { additionalProperties: false },
  );

/** `{ id }` in a path. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });

/** `{ id, seq }` in a path. */
export const IdSeqParams = Type.Object(
  { id: Id, seq: Type.Integer({ minimum: 1, maximum: 1000 }) },
  { additionalProperties: false },
);
