import Type, { type Static } from 'typebox';

/** A SHA-256 hash, lowercase hex. */
const Hash = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const Actor = Type.Object(
  {
    type: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
    id: Type.String(),
  },
  { additionalProperties: false },
);

export const Target = Type.Object(
  { type: Type.String(), id: Type.String() },
  { additionalProperties: false },
);

export const AuditEntry = Type.Object(
  {
    seq: Type.Integer({ minimum: 1 }),
    ts: Type.String({ format: 'date-time' }),
    actor: Actor,
    action: Type.String(),
    target: Target,
    outcome: Type.String(),
    payload: Type.Unknown(),
    prev_hash: Hash,
    hash: Hash,
  },
  { additionalProperties: false, $id: 'AuditEntry' },
);

export const AuditQuery = Type.Object(
  {
    action: Type.Optional(Type.String({ maxLength: 200 })),
    actor_type: Type.Optional(
      Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
    ),
    actor_id: Type.Optional(Type.String({ maxLength: 200 })),
    target_type: Type.Optional(Type.String({ maxLength: 200 })),
    target_id: Type.Optional(Type.String({ maxLength: 200 })),
    outcome: Type.Optional(Type.String({ maxLength: 40 })),
    from: Type.Optional(Type.String({ format: 'date-time', description: 'inclusive, UTC' })),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'exclusive, UTC' })),
    before_seq: Type.Optional(
      Type.Integer({ minimum: 1, description: 'page backwards: entries older than this' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50 }),
  },
  { additionalProperties: false },
);
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditPage = Type.Object(
  {
    items: Type.Array(AuditEntry),
    next_before_seq: Type.Union([Type.Integer(), Type.Null()], {
      description: 'pass as before_seq for the next page',
    }),
  },
  { additionalProperties: false },
);

export const SeqParams = Type.Object({ seq: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

export const ChainBreak = Type.Object(
  { seq: Type.Integer(), reason: Type.String(), detail: Type.String(), message: Type.String() },
  { additionalProperties: false },
);

export const VerifyReport = Type.Object(
  {
    intact: Type.Boolean(),
    entries: Type.Integer(),
    head: Type.Object({ seq: Type.Integer(), hash: Hash }, { additionalProperties: false }),
    checkpoints_checked: Type.Integer(),
    first_break: Type.Union([ChainBreak, Type.Null()]),
  },
  { additionalProperties: false },
);

export const Checkpoint = Type.Object(
  { seq: Type.Integer(), head_hash: Hash, merkle_root: Hash, created_at: Type.String() },
  { additionalProperties: false },
);

export const SignedCheckpoint = Type.Object(
  {
    format: Type.Literal('fengkong-audit-checkpoint'),
    version: Type.Literal(1),
    seq: Type.Integer({ minimum: 1 }),
    head_hash: Hash,
    merkle_root: Hash,
    created_at: Type.String(),
    key_id: Type.String({ pattern: '^[0-9a-f]{16}$' }),
    signature: Type.String({ pattern: '^[0-9a-f]{64}$' }),
  },
  { additionalProperties: false },
);

export const CheckpointCreated = Type.Object(
  { checkpoint: Checkpoint, signed: Type.Union([SignedCheckpoint, Type.Null()]) },
  { additionalProperties: false },
);

export const CheckpointList = Type.Object({ items: Type.Array(Checkpoint) }, { additionalProperties: false });

export const VerifyBody = Type.Object(
  { checkpoints: Type.Array(SignedCheckpoint, { maxItems: 100 }) },
  { additionalProperties: false },
);
