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
