/**
 * Request and response schemas of `/api/v1/kris`, `/api/v1/kri-values/import` and
 * `/api/v1/kri-metrics`. Responses list every property and forbid others. Fields that cannot change
 * (frequency, direction) are accepted in a PATCH body so that a change is refused with a reason
 * rather than silently dropped.
 */
import Type, { type TSchema } from 'typebox';

/** An array whose static type is readonly, as the views the services return are. */
function List<T extends TSchema>(items: T, options: { maxItems?: number; description?: string } = {}) {
  return Type.Immutable(Type.Array(items, options));
}

const Bilingual = Type.Object({ en: Type.String(), zh: Type.String() }, { additionalProperties: false });
const TextIn = Type.Object(
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
const Id = Type.String({
  pattern: '^[a-z][a-z0-9_]*(\\.[a-z0-9_]+)*$',
  maxLength: 64,
  description: 'e.g. credit.npl_ratio',
});
const Frequency = Type.Union(
  [Type.Literal('hourly'), Type.Literal('daily'), Type.Literal('weekly'), Type.Literal('monthly')],
  {
    description: 'UTC hours, days, ISO weeks (from Monday) or calendar months',
  },
);
const Direction = Type.Union([Type.Literal('higher_is_worse'), Type.Literal('lower_is_worse')]);
const Band = Type.Union([Type.Literal('green'), Type.Literal('amber'), Type.Literal('red')]);
const Owner = Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()], {
  description: 'user id of the owner',
});
const Word = Type.String({ minLength: 1, maxLength: 64 });

const Params = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 200 }));

/**
 * Where the value comes from: `builtin` (with `metric` and its `params`), `pushed`, or `formula` (with
 * `expression`). One object rather than a union: with unknown properties removed during validation, a
 * union of closed objects would strip the fields of the branches tried first.
 */
const Source = Type.Object(
  {
    kind: Type.Union([Type.Literal('builtin'), Type.Literal('pushed'), Type.Literal('formula')]),
    metric: Type.Optional(
      Type.String({ maxLength: 80, description: 'builtin: the metric id (GET /kri-metrics)' }),
    ),
    params: Type.Optional(Params),
    expression: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 500,
        description: 'formula: numbers, KRI ids, + − × ÷ (or - * /), parentheses, min(…), max(…), abs(…)',
      }),
    ),
  },
  { additionalProperties: false },
);

const SourceOut = Type.Union([
  Type.Object(
    { kind: Type.Literal('builtin'), metric: Type.String(), params: Params },
    { additionalProperties: false },
  ),
  Type.Object({ kind: Type.Literal('pushed') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('formula'), expression: Type.String() }, { additionalProperties: false }),
]);

const Line = Type.Union([Type.Number(), Type.Null()]);

/** Static lines and the hysteresis margin, in the KRI's unit. */
const Thresholds = Type.Union(
  [
    Type.Object(
      { amber: Type.Number(), red: Type.Number(), hysteresis: Type.Number({ minimum: 0 }) },
      { additionalProperties: false },
    ),
    Type.Null(),
  ],
  {
    description:
      'a band is entered at its line and left only once back past the line by the margin; amber = red for no amber band',
  },
);

const DetectorSpec = Type.Object(
  {
    method: Type.Union([
      Type.Literal('zscore'),
      Type.Literal('ewma'),
      Type.Literal('cusum'),
      Type.Literal('page-hinkley'),
    ]),
    params: Type.Record(
      Type.String({ maxLength: 40 }),
      Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 40 })]),
      {
        description:
          'the method’s options, as `fengkong warning detect` takes them (e.g. window, k; lambda, L; k, h)',
      },
    ),
  },
  { additionalProperties: false },
);

const DetectorOut = Type.Object(
  {
    method: Type.String(),
    params: Type.Record(
      Type.String({ maxLength: 40 }),
      Type.Union([Type.Number(), Type.Boolean(), Type.String({ maxLength: 40 })]),
      {
        description:
          'the method’s options, as `fengkong warning detect` takes them (e.g. window, k; lambda, L; k, h)',
      },
    ),
  },
  { additionalProperties: false },
);

const Latest = Type.Union([
  Type.Object(
    { period_start: Time, value: Line, band: Band, signals: List(Type.String()) },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

/** A KRI. */
export const Kri = Type.Object(
  {
    id: Type.String(),
    name: Bilingual,
    description: Bilingual,
    risk_type: Type.String(),
    owner: Owner,
    unit: Type.String(),
    direction: Direction,
    frequency: Frequency,
    period_ms: Type.Union([Type.Integer(), Type.Null()], {
      description: 'null for monthly (calendar months)',
    }),
    subject: Type.String(),
    source: SourceOut,
    thresholds: Thresholds,
    detectors: List(DetectorOut),
    status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
    latest: Latest,
    created_by: Actor,
    created_at: Time,
    updated_at: Time,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);

/** Every KRI matching the query. */
export const KriList = Type.Object({ items: List(Kri) }, { additionalProperties: false });

/** `GET /kris`. */
export const KriQuery = Type.Object(
  {
    risk_type: Type.Optional(Type.String({ maxLength: 32 })),
    frequency: Type.Optional(Frequency),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('retired')])),
    owner: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

/** `POST /kris`. */
export const CreateBody = Type.Object(
  {
    id: Id,
    name: Type.Optional(TextIn),
    description: Type.Optional(TextIn),
    risk_type: Type.Optional(
      Type.String({ maxLength: 32, description: 'one of the six risk types, or custom' }),
    ),
    owner: Type.Optional(Owner),
    unit: Type.Optional(Type.String({ maxLength: 32 })),
    direction: Type.Optional(Direction),
    frequency: Frequency,
    subject: Type.Optional(Word),
    source: Source,
    thresholds: Type.Optional(Thresholds),
    detectors: Type.Optional(List(DetectorSpec, { maxItems: 4 })),
  },
  { additionalProperties: false },
);

/** `PATCH /kris/:id`. */
export const PatchBody = Type.Object(
  {
    name: Type.Optional(TextIn),
    description: Type.Optional(TextIn),
    risk_type: Type.Optional(Type.String({ maxLength: 32 })),
    owner: Type.Optional(Owner),
    unit: Type.Optional(Type.String({ maxLength: 32 })),
    subject: Type.Optional(Word),
    source: Type.Optional(Source),
    thresholds: Type.Optional(Thresholds),
    detectors: Type.Optional(List(DetectorSpec, { maxItems: 4 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('retired')])),
    frequency: Type.Optional(Type.String({ maxLength: 16, description: 'fixed: refused when different' })),
    direction: Type.Optional(Type.String({ maxLength: 16, description: 'fixed: refused when different' })),
  },
  { additionalProperties: false },
);

/** `:id`. */
export const KriParams = Type.Object({ id: Type.String({ maxLength: 64 }) }, { additionalProperties: false });

/** `POST /kris/:id/values`. */
export const ValueBody = Type.Object(
  { period_start: Time, value: Type.Number() },
  { additionalProperties: false, description: 'period_start must start a period of the KRI’s frequency' },
);

/** `POST /kri-values/import`. */
export const ImportBody = Type.Object(
  {
    csv: Type.String({
      minLength: 1,
      maxLength: 5_000_000,
      description: 'kri_id,period_start,value with a header line',
    }),
  },
  { additionalProperties: false },
);

/** What a push or an import did, row by row. */
export const ValueReport = Type.Object(
  {
    rows: Type.Integer(),
    added: Type.Integer(),
    replaced: Type.Integer(),
    refused: Type.Integer(),
    results: List(
      Type.Object(
        {
          row: Type.Integer(),
          line: Type.Integer(),
          kri_id: Type.String(),
          period_start: Type.String(),
          value: Line,
          status: Type.Union([Type.Literal('added'), Type.Literal('replaced'), Type.Literal('refused')]),
          message: Type.Union([Type.String(), Type.Null()]),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** `POST /kris/:id/evaluate`. */
export const EvaluateBody = Type.Object({ period_start: Time }, { additionalProperties: false });

const Outcome = Type.Object(
  {
    method: Type.String(),
    statistic: Type.Number(),
    signal: Type.Boolean(),
    direction: Type.Optional(Type.Union([Type.Literal('up'), Type.Literal('down')])),
  },
  { additionalProperties: false },
);

const ThresholdsOut = Type.Union([
  Type.Object(
    { amber: Type.Number(), red: Type.Number(), hysteresis: Type.Number() },
    { additionalProperties: false },
  ),
  Type.Null(),
]);

/** One stored evaluation. */
export const Evaluation = Type.Object(
  {
    kri_id: Type.String(),
    name: Bilingual,
    risk_type: Type.String(),
    owner: Owner,
    subject: Type.String(),
    period_start: Time,
    period_end: Time,
    value: Line,
    unit: Type.String(),
    band: Band,
    previous_band: Type.Union([Band, Type.Null()]),
    detectors: List(Outcome),
    evaluated_at: Time,
    direction: Direction,
    thresholds: ThresholdsOut,
    signals: List(Type.String(), { description: 'methods whose detector signalled' }),
    evaluated_by: Actor,
  },
  { additionalProperties: false },
);

/** The answer to an on-demand evaluation. */
export const EvaluationResult = Type.Object(
  {
    created: Type.Boolean({
      description: 'false when the period was already evaluated: the stored evaluation is returned',
    }),
    evaluation: Evaluation,
  },
  { additionalProperties: false },
);

/** `GET /kris/:id/history`. */
export const HistoryQuery = Type.Object(
  {
    from: Type.Optional(Time),
    to: Type.Optional(Time),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 500 })),
  },
  { additionalProperties: false },
);

/** A KRI's series with bands and signals, oldest first. */
export const History = Type.Object({ kri: Kri, points: List(Evaluation) }, { additionalProperties: false });

/** `GET /kri-metrics`. */
export const MetricList = Type.Object(
  {
    items: List(
      Type.Object(
        {
          id: Type.String(),
          name: Bilingual,
          description: Type.Union([Bilingual, Type.Null()]),
          risk_type: Type.String(),
          unit: Type.String(),
          direction: Direction,
          params: List(
            Type.Object(
              { name: Type.String(), required: Type.Boolean(), description: Bilingual },
              { additionalProperties: false },
            ),
          ),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
