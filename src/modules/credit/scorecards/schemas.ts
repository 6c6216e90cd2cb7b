/** Request and response schemas of `/api/v1/scorecards`. */
import Type from 'typebox';

const Name = Type.String({ minLength: 1, maxLength: 200 });
const strict = { additionalProperties: false } as const;
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);

/** `POST /scorecards`: the `fengkong.scorecard/v1` document as `fengkong scorecard train` wrote it. */
export const RegisterBody = Type.Object(
  {
    format: Type.String({ description: 'fengkong.scorecard/v1' }),
    name: Name,
    checksum: Type.String({ description: 'sha256:<hex> of the rest / 校验和' }),
  },
  { additionalProperties: true, description: 'A whole scorecard file / 完整的评分卡文件' },
);

/** A registered version. */
export const Registered = Type.Object(
  { name: Type.String(), version: Type.Integer(), checksum: Type.String(), created_at: Type.String() },
  strict,
);

const ViewFields = {
  name: Type.String(),
  published_version: Nullable(Type.Integer()),
  previous_version: Nullable(Type.Integer()),
  latest_version: Type.Integer(),
  updated_at: Type.String(),
};

/** A card in the list. */
export const ScorecardView = Type.Object(ViewFields, strict);

/** A card with its versions. */
export const ScorecardDetail = Type.Object(
  {
    ...ViewFields,
    versions: Type.Array(
      Type.Object(
        {
          name: Type.String(),
          version: Type.Integer(),
          checksum: Type.String(),
          created_by_type: Type.String(),
          created_by_id: Type.String(),
          created_at: Type.String(),
        },
        strict,
      ),
    ),
  },
  strict,
);

/** One version's document. */
export const VersionView = Type.Object(
  {
    name: Type.String(),
    version: Type.Integer(),
    checksum: Type.String(),
    card: Type.Object({}, { additionalProperties: true, description: 'The scorecard file / 评分卡文件' }),
    report: Type.Unknown(),
    created_at: Type.String(),
  },
  strict,
);

/** Path parameters. */
export const NameParams = Type.Object({ name: Name }, strict);
/** Path parameters of one version. */
export const VersionParams = Type.Object({ name: Name, version: Type.Integer({ minimum: 1 }) }, strict);

/** `POST /scorecards/{name}/publish`. */
export const PublishBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), reason: Type.String({ minLength: 1, maxLength: 2000 }) },
  strict,
);
/** `POST /scorecards/{name}/rollback`. */
export const RollbackBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 2000 }) }, strict);

const StabilitySchema = Nullable(
  Type.Object(
    {
      index: Type.Number(),
      verdict: Type.String({ description: 'stable | watch | shift' }),
      label: Type.Object({ en: Type.String(), zh: Type.String() }, strict),
    },
    strict,
  ),
);

/** `GET /scorecards/{name}/monitoring` query. */
export const MonitoringQuery = Type.Object(
  {
    from: Type.String({ format: 'date-time' }),
    to: Type.String({ format: 'date-time' }),
    interval: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')])),
    version: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  strict,
);

/** Drift of a card over time windows. */
export const Monitoring = Type.Object(
  {
    name: Type.String(),
    version: Type.Integer(),
    checksum: Type.String(),
    windows: Type.Array(
      Type.Object(
        {
          from: Type.String(),
          to: Type.String(),
          count: Type.Integer(),
          small_sample: Type.Boolean({
            description:
              'fewer than 100 scores: PSI and CSI are mostly noise / 样本不足 100，PSI 与 CSI 参考意义有限',
          }),
          mean_score: Nullable(Type.Number()),
          psi: StabilitySchema,
          csi: Type.Array(Type.Object({ variable: Type.String(), stability: StabilitySchema }, strict)),
        },
        strict,
      ),
    ),
    performance: Type.Array(
      Type.Object(
        {
          from: Nullable(Type.Number()),
          to: Nullable(Type.Number()),
          applications: Type.Integer(),
          booked: Type.Integer(),
          bad: Type.Integer(),
          bad_rate: Nullable(Type.Number()),
        },
        strict,
      ),
      {
        description:
          'Bad rate (30+ days past due ever, or written off) by training score decile / 分数段坏账率',
      },
    ),
  },
  strict,
);
