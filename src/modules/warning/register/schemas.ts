/**
 * Request and response schemas of `/api/v1/risks`. Responses list every property and forbid others.
 * A grading in a PATCH body is part of the schema on purpose: it is refused with
 * `FK_ERR_RISK_GRADE_NEEDS_APPROVAL` rather than silently dropped.
 */
import Type, { type Static, type TSchema } from 'typebox';

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
const DateText = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });
const Step = Type.Integer({ minimum: 1, maximum: 5 });
const Level = Type.Union([
  Type.Literal('low'),
  Type.Literal('medium'),
  Type.Literal('high'),
  Type.Literal('critical'),
]);
const Owner = Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()], {
  description: 'user id of the owner',
});
const Frequency = Type.Union([
  Type.Literal('continuous'),
  Type.Literal('daily'),
  Type.Literal('weekly'),
  Type.Literal('monthly'),
  Type.Literal('quarterly'),
  Type.Literal('semiannual'),
  Type.Literal('annual'),
  Type.Literal('ad_hoc'),
]);
const Result = Type.Union([
  Type.Literal('effective'),
  Type.Literal('partially_effective'),
  Type.Literal('ineffective'),
  Type.Literal('not_tested'),
]);
const Category = Type.String({
  pattern: '^[a-z][a-z0-9_]{1,31}$',
  description:
    'market, credit, liquidity, operational, technology, legal (reference text 二), or a custom name',
});
const KriIds = List(Type.String({ minLength: 1, maxLength: 64 }), { maxItems: 50 });

/** Likelihood and impact as given. */
export const GradingIn = Type.Object(
  { likelihood: Step, impact: Step },
  { additionalProperties: false, description: '1 (rare / negligible) to 5 (almost certain / severe)' },
);

const Grade = Type.Object(
  { likelihood: Step, impact: Step, grade: Type.Integer(), level: Level },
  {
    additionalProperties: false,
    description: 'grade = likelihood × impact; 1–4 low, 5–9 medium, 10–16 high, 20–25 critical',
  },
);

/** A control as given. */
export const ControlIn = Type.Object(
  {
    title: TextIn,
    owner: Type.Optional(Owner),
    frequency: Frequency,
    last_tested_on: Type.Optional(Type.Union([DateText, Type.Null()])),
    last_result: Type.Optional(Result),
  },
  { additionalProperties: false },
);

const Control = Type.Object(
  {
    id: Type.String(),
    title: Bilingual,
    owner: Owner,
    frequency: Frequency,
    last_tested_on: Type.Union([DateText, Type.Null()]),
    last_result: Result,
    test_overdue: Type.Boolean({
      description: 'never tested, or last tested longer ago than its frequency allows',
    }),
    updated_at: Time,
  },
  { additionalProperties: false },
);

/** A risk. */
export const Risk = Type.Object(
  {
    id: Type.String(),
    title: Bilingual,
    category: Type.String(),
    category_label: Bilingual,
    owner: Owner,
    cause: Bilingual,
    consequence: Bilingual,
    inherent: Grade,
    residual: Grade,
    controls: List(Control),
    kri_ids: List(Type.String()),
    status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
    created_by: Actor,
    created_at: Time,
    updated_at: Time,
    version: Type.Integer({
      description: 'moves with every change; a grading change submitted at another version is stale',
    }),
  },
  { additionalProperties: false },
);

/** Every risk matching the query. */
export const RiskList = Type.Object({ items: List(Risk) }, { additionalProperties: false });

/** `GET /risks`. */
export const RiskQuery = Type.Object(
  {
    category: Type.Optional(Type.String({ maxLength: 32 })),
    owner: Type.Optional(Type.String({ maxLength: 100 })),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('retired')])),
  },
  { additionalProperties: false },
);

/** `POST /risks`. */
export const CreateBody = Type.Object(
  {
    id: Type.Optional(
      Type.String({ pattern: '^[A-Z][A-Z0-9-]{1,31}$', description: 'default R-<category prefix>-<nnn>' }),
    ),
    title: TextIn,
    category: Category,
    owner: Type.Optional(Owner),
    cause: TextIn,
    consequence: TextIn,
    inherent: GradingIn,
    residual: GradingIn,
    kri_ids: Type.Optional(KriIds),
    controls: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z][A-Za-z0-9_-]{0,31}$' }), ControlIn),
    ),
  },
  { additionalProperties: false },
);
export type CreateBody = Static<typeof CreateBody>;

/** `PATCH /risks/:id`. */
export const PatchBody = Type.Object(
  {
    title: Type.Optional(TextIn),
    category: Type.Optional(Category),
    owner: Type.Optional(Owner),
    cause: Type.Optional(TextIn),
    consequence: Type.Optional(TextIn),
    kri_ids: Type.Optional(KriIds),
    status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('retired')])),
    inherent: Type.Optional(Type.Unknown({ description: 'refused: submit POST /risks/{id}/grade' })),
    residual: Type.Optional(Type.Unknown({ description: 'refused: submit POST /risks/{id}/grade' })),
  },
  { additionalProperties: false },
);

/** `POST /risks/:id/grade`. */
export const GradeBody = Type.Object(
  {
    inherent: Type.Optional(GradingIn),
    residual: Type.Optional(GradingIn),
    reason: Type.String({ minLength: 1, maxLength: 2000 }),
  },
  { additionalProperties: false },
);

/** `:id`. */
export const RiskParams = Type.Object(
  { id: Type.String({ maxLength: 32 }) },
  { additionalProperties: false },
);

/** `:id/controls/:control`. */
export const ControlParams = Type.Object(
  { id: Type.String({ maxLength: 32 }), control: Type.String({ maxLength: 32 }) },
  { additionalProperties: false },
);

/** `GET /risks/heatmap`. */
export const HeatMapQuery = Type.Object(
  {
    basis: Type.Optional(
      Type.Union([Type.Literal('residual'), Type.Literal('inherent')], { default: 'residual' }),
    ),
  },
  { additionalProperties: false },
);

/** The 5 × 5 heat map. */
export const HeatMap = Type.Object(
  {
    basis: Type.Union([Type.Literal('residual'), Type.Literal('inherent')]),
    total: Type.Integer(),
    cells: List(
      Type.Object(
        {
          likelihood: Step,
          impact: Step,
          grade: Type.Integer(),
          level: Level,
          count: Type.Integer(),
          risk_ids: List(Type.String()),
        },
        { additionalProperties: false },
      ),
      { description: '25 cells, likelihood 5 down to 1, impact 1 to 5' },
    ),
    levels: List(
      Type.Object(
        {
          level: Level,
          label: Bilingual,
          min_grade: Type.Integer(),
          max_grade: Type.Integer(),
          count: Type.Integer(),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
