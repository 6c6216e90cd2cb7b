/** Request and response schemas of `/api/v1/policies`. */
import Type from 'typebox';

const PolicyId = Type.String({ pattern: '^[a-z][a-z0-9_-]{0,63}$' });
const Mode = Type.Union([Type.Literal('active'), Type.Literal('shadow'), Type.Literal('inactive')]);
const Status = Type.Union([
  Type.Literal('draft'),
  Type.Literal('submitted'),
  Type.Literal('active'),
  Type.Literal('shadow'),
  Type.Literal('retired'),
]);

/** `POST /policies` and `POST /policies/validate`: the policy text. */
export const SourceBody = Type.Object(
  {
    source: Type.String({
      minLength: 1,
      maxLength: 262_144,
      description: 'YAML or JSON policy document / 策略文本',
    }),
    format: Type.Optional(Type.Union([Type.Literal('yaml'), Type.Literal('json')])),
  },
  { additionalProperties: false },
);

/** A saved version. */
export const Saved = Type.Object(
  {
    id: Type.String(),
    version: Type.Integer(),
    checksum: Type.String(),
    event_type: Type.String(),
    created_at: Type.String(),
  },
  { additionalProperties: false },
);

/** The result of validating a policy text without saving it. */
export const Validation = Type.Object(
  {
    valid: Type.Boolean(),
    problems: Type.Array(
      Type.Object({ path: Type.String(), message: Type.String() }, { additionalProperties: false }),
    ),
  },
  { additionalProperties: false },
);

/** A policy and its deployment. */
export const Policy = Type.Object(
  {
    id: Type.String(),
    event_type: Type.String(),
    mode: Mode,
    deployed_version: Type.Union([Type.Integer(), Type.Null()]),
    previous: Type.Union([
      Type.Object({ version: Type.Integer(), mode: Type.String() }, { additionalProperties: false }),
      Type.Null(),
    ]),
    latest_version: Type.Integer(),
    updated_at: Type.String(),
  },
  { additionalProperties: false },
);

const VersionFields = {
  policy_id: Type.String(),
  version: Type.Integer(),
  event_type: Type.String(),
  checksum: Type.String(),
  created_at: Type.String(),
  status: Status,
};

/** A version in the history. */
export const VersionSummary = Type.Object(
  { ...VersionFields, created_by_type: Type.String(), created_by_id: Type.String() },
  { additionalProperties: false },
);

/** A version with its document and source. */
export const Version = Type.Object(
  {
    ...VersionFields,
    created_by: Type.Object({ type: Type.String(), id: Type.String() }, { additionalProperties: false }),
    document: Type.Record(Type.String(), Type.Unknown()),
    source: Type.String(),
  },
  { additionalProperties: false },
);

/** Path parameters. */
export const IdParams = Type.Object({ id: PolicyId });
export const VersionParams = Type.Object({ id: PolicyId, version: Type.Integer({ minimum: 1 }) });

/** `GET /policies/{id}/diff`. */
export const DiffQuery = Type.Object(
  { from: Type.Integer({ minimum: 1 }), to: Type.Integer({ minimum: 1 }) },
  { additionalProperties: false },
);

/** `POST /policies/{id}/publish`. */
export const PublishBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    mode: Mode,
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

/** `POST /policies/{id}/rollback`. */
export const RollbackBody = Type.Object(
  { reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  { additionalProperties: false },
);

const Bilingual = Type.Object({ en: Type.String(), zh: Type.String() }, { additionalProperties: false });
const NullableNumber = Type.Union([Type.Number(), Type.Null()]);

/** `POST /policies/try`: a draft policy text and one sample event (type, id and time optional). */
export const TryBody = Type.Object(
  {
    source: SourceBody.properties.source,
    format: SourceBody.properties.format,
    event: Type.Object(
      {
        type: Type.Optional(Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' })),
        id: Type.Optional(Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._:@/-]{0,127}$' })),
        occurred_at: Type.Optional(Type.String({ format: 'date-time' })),
        subject: Type.Optional(
          Type.Record(
            Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }),
            Type.String({ minLength: 1, maxLength: 256 }),
            { maxProperties: 16 },
          ),
        ),
        data: Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), { maxProperties: 200 }),
      },
      { additionalProperties: false, description: 'the event envelope of POST /decisions / 示例事件' },
    ),
  },
  { additionalProperties: false },
);

/** What the draft decided about the sample event; nothing is stored. */
export const TryResult = Type.Object(
  {
    policy: Type.Object({ id: Type.String(), event_type: Type.String() }, { additionalProperties: false }),
    event: Type.Object(
      { id: Type.String(), type: Type.String(), occurred_at: Type.String() },
      { additionalProperties: false },
    ),
    outcome: Type.Union([Type.Literal('approve'), Type.Literal('review'), Type.Literal('reject')]),
    score: NullableNumber,
    reasons: Type.Array(
      Type.Object({ rule_id: Type.String(), text: Type.String() }, { additionalProperties: false }),
    ),
    rule_hits: Type.Array(
      Type.Object(
        {
          rule_id: Type.String(),
          action: Type.String(),
          score: NullableNumber,
          description: Bilingual,
          values: Type.Record(Type.String(), Type.Unknown()),
        },
        { additionalProperties: false },
      ),
    ),
    rule_errors: Type.Array(
      Type.Object({ rule_id: Type.String(), message: Type.String() }, { additionalProperties: false }),
    ),
    features: Type.Record(Type.String(), NullableNumber),
    models: Type.Record(Type.String(), NullableNumber),
    fresh_windows: Type.Literal(true, {
      description: 'velocity windows start empty: features see only this event / 速度特征只包含本事件',
    }),
  },
  { additionalProperties: false },
);
