/**
 * The event envelope every decision request carries, as a TypeBox schema (validated by Fastify and
 * published in the OpenAPI document). `data` is checked afterwards against the schema of the event's
 * type, which may be a custom type declared at run time.
 */
import Type, { type Static } from 'typebox';

/** Event ids: the caller's idempotency key. */
export const EVENT_ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$';

/** Event type names: lowercase snake case. */
export const EVENT_TYPE_PATTERN = '^[a-z][a-z0-9_]{0,63}$';

/** Subject identifier names: the built-in ones or others a lender uses (`merchant_id`). */
export const SUBJECT_KEY_PATTERN = '^[a-z][a-z0-9_]{0,63}$';

/** The envelope of an event sent for a decision. */
export const EventEnvelope = Type.Object(
  {
    type: Type.String({ pattern: EVENT_TYPE_PATTERN, description: 'Event type / 事件类型' }),
    id: Type.String({
      pattern: EVENT_ID_PATTERN,
      description: 'Unique event id, the idempotency key / 事件唯一 ID（幂等键）',
    }),
    occurred_at: Type.String({ format: 'date-time', description: 'When it happened (RFC 3339) / 发生时间' }),
    subject: Type.Record(
      Type.String({ pattern: SUBJECT_KEY_PATTERN }),
      Type.String({ minLength: 1, maxLength: 256 }),
      {
        maxProperties: 16,
        // Without this a key that is not an identifier name ("UserId") would pass unchecked.
        additionalProperties: false,
        description:
          'Identifiers: user_id, account_id, device_id, ip, id_number, phone, card… / 主体标识（身份证号、手机号、卡号仅以密钥哈希保存）',
      },
    ),
    data: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), {
      maxProperties: 200,
      description: 'Type-specific fields / 事件数据',
    }),
  },
  { additionalProperties: false },
);

/** An event envelope as received. */
export type EventEnvelope = Static<typeof EventEnvelope>;
