/**
 * Request and response schemas of `/api/v1/plans`, `/api/v1/activations` and `/api/v1/drills`.
 * Titles of plans and steps are in both languages; minutes and days are whole numbers.
 */
import Type, { type Static } from 'typebox';
import { Actor, Bilingual, BilingualIn, Id, Nullable, PageOf, paging, Time } from './schemas.js';
import { CHECKLIST_STATUSES, DRILL_OUTCOMES, PLAN_SCENARIOS } from './vocabulary.js';

const Scenario = Type.Enum([...PLAN_SCENARIOS]);
const Owner = Type.Object(
  { type: Type.Enum(['role', 'user']), id: Type.String({ minLength: 1, maxLength: 128 }) },
  {
    additionalProperties: false,
    description: 'who does the step: a role (e.g. cro, it_oncall) or a user id',
  },
);
const StepIn = Type.Object(
  { title: BilingualIn(300), owner: Owner, expected_minutes: Type.Integer({ minimum: 1, maximum: 10_080 }) },
  { additionalProperties: false },
);
const Contact = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    role: Type.String({ minLength: 1, maxLength: 100 }),
    phone: Type.Optional(Type.String({ maxLength: 40 })),
    email: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const contentFields = {
  title: BilingualIn(200),
  description: Type.Optional(BilingualIn(4000)),
  rto_minutes: Type.Integer({ minimum: 0, maximum: 43_200, description: 'recovery time objective' }),
  rpo_minutes: Type.Integer({ minimum: 0, maximum: 43_200, description: 'recovery point objective' }),
  drill_frequency_days: Type.Integer({ minimum: 1, maximum: 1095 }),
  steps: Type.Array(StepIn, { minItems: 1, maxItems: 50 }),
  contacts: Type.Optional(Type.Array(Contact, { maxItems: 30 })),
};

/** `POST /plans`. */
export const CreatePlanBody = Type.Object(
  { scenario: Scenario, ...contentFields },
  { additionalProperties: false },
);
export type CreatePlanBody = Static<typeof CreatePlanBody>;

/** `POST /plans/{id}/versions`: the whole content again, and what changed. */
export const NewVersionBody = Type.Object(
  {
    ...contentFields,
    change_note: Type.String({ minLength: 1, maxLength: 1000 }),
    expected_version: Type.Optional(
      Type.Integer({
        minimum: 1,
        description:
          'the version the editor started from; refused with 409 if the plan moved on meanwhile / 编辑所基于的版本',
      }),
    ),
  },
  { additionalProperties: false },
);
export type NewVersionBody = Static<typeof NewVersionBody>;

/** What a plan version holds, as a person gives it. */
export type PlanContentInput = Omit<NewVersionBody, 'change_note' | 'expected_version'>;

/** `GET /plans`. */
export const PlanQuery = Type.Object({ scenario: Type.Optional(Scenario) }, { additionalProperties: false });

/** `GET /plans/{id}`: a past version when given. */
export const PlanGetQuery = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
);

/** `POST /plans/{id}/activate`: for exactly one alert or incident. */
export const ActivateBody = Type.Object(
  { alert_id: Type.Optional(Id), incident_id: Type.Optional(Id) },
  { additionalProperties: false },
);

const Step = Type.Object(
  {
    seq: Type.Integer(),
    title: Bilingual,
    owner: Owner,
    expected_minutes: Type.Integer(),
    offset_minutes: Type.Integer({ description: 'minutes from activation until this step is due' }),
  },
  { additionalProperties: false },
);

const drillState = {
  last_drill_at: Nullable(Type.String()),
  next_drill_due: Type.String(),
  drill_overdue: Type.Boolean(),
};

/** A plan in a list: its current version in short. */
export const PlanSummary = Type.Object(
  {
    id: Type.String(),
    scenario: Scenario,
    current_version: Type.Integer(),
    title: Bilingual,
    rto_minutes: Type.Integer(),
    rpo_minutes: Type.Integer(),
    drill_frequency_days: Type.Integer(),
    steps: Type.Integer({ description: 'how many steps' }),
    ...drillState,
    created_at: Type.String(),
    updated_at: Type.String(),
  },
  { additionalProperties: false },
);
export type PlanSummary = Static<typeof PlanSummary>;

/** Every plan. */
export const PlanList = Type.Object({ items: Type.Array(PlanSummary) }, { additionalProperties: false });

/** One version of a plan in full, with the list of its versions. */
export const PlanDetail = Type.Object(
  {
    id: Type.String(),
    scenario: Scenario,
    version: Type.Integer(),
    current_version: Type.Integer(),
    title: Bilingual,
    description: Bilingual,
    rto_minutes: Type.Integer(),
    rpo_minutes: Type.Integer(),
    drill_frequency_days: Type.Integer(),
    steps: Type.Array(Step),
    contacts: Type.Array(Contact),
    change_note: Type.String(),
    created_by: Actor,
    created_at: Type.String(),
    versions: Type.Array(
      Type.Object(
        { version: Type.Integer(), change_note: Type.String(), created_by: Actor, created_at: Type.String() },
        { additionalProperties: false },
      ),
    ),
    ...drillState,
  },
  { additionalProperties: false },
);
export type PlanDetail = Static<typeof PlanDetail>;

/** A plan activation with its checklist. */
export const Activation = Type.Object(
  {
    id: Type.String(),
    plan_id: Type.String(),
    plan_version: Type.Integer(),
    plan_title: Bilingual,
    source: Type.Object(
      { type: Type.Enum(['alert', 'incident']), id: Type.String() },
      { additionalProperties: false },
    ),
    status: Type.Enum(['active', 'completed']),
    activated_at: Type.String(),
    activated_by: Actor,
    completed_at: Nullable(Type.String()),
    overdue_items: Type.Integer({ minimum: 0 }),
    items: Type.Array(
      Type.Object(
        {
          seq: Type.Integer(),
          title: Bilingual,
          owner: Owner,
          expected_minutes: Type.Integer(),
          due_at: Type.String(),
          status: Type.Enum([...CHECKLIST_STATUSES]),
          overdue: Type.Boolean(),
          done_by: Nullable(Actor),
          done_at: Nullable(Type.String()),
          note: Nullable(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Activation = Static<typeof Activation>;

/** Activations. */
export const ActivationList = PageOf(Activation);

/** `GET /activations`. */
export const ActivationQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum(['active', 'completed'])),
    plan_id: Type.Optional(Id),
    ...paging,
  },
  { additionalProperties: false },
);

/** `POST /activations/{id}/items/{seq}`: done, or skipped with a note. */
export const ItemBody = Type.Object(
  { status: Type.Enum(['done', 'skipped']), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

/** `POST /drills`: a drill of the plan's current version; `started_at` records one run earlier. */
export const StartDrillBody = Type.Object(
  { plan_id: Id, started_at: Type.Optional(Time), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

/** `POST /drills/{id}/steps/{seq}/complete`. */
export const CompleteStepBody = Type.Object(
  { at: Type.Optional(Time), note: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);

/** `POST /drills/{id}/finish`. */
export const FinishDrillBody = Type.Object(
  {
    outcome: Type.Enum([...DRILL_OUTCOMES]),
    gaps: Type.Array(Type.String({ minLength: 1, maxLength: 1000 }), { maxItems: 50 }),
    at: Type.Optional(Time),
    note: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);

/** `GET /drills`. */
export const DrillQuery = Type.Object(
  { plan_id: Type.Optional(Id), status: Type.Optional(Type.Enum(['in_progress', 'finished'])), ...paging },
  { additionalProperties: false },
);

/** A drill with the time each step took. */
export const Drill = Type.Object(
  {
    id: Type.String(),
    plan_id: Type.String(),
    plan_version: Type.Integer(),
    status: Type.Enum(['in_progress', 'finished']),
    started_at: Type.String(),
    started_by: Actor,
    finished_at: Nullable(Type.String()),
    outcome: Nullable(Type.Enum([...DRILL_OUTCOMES])),
    gaps: Type.Array(Type.String()),
    note: Type.String(),
    total_minutes: Nullable(Type.Number()),
    rto_minutes: Type.Integer(),
    within_rto: Nullable(Type.Boolean()),
    steps: Type.Array(
      Type.Object(
        {
          seq: Type.Integer(),
          title: Bilingual,
          expected_minutes: Type.Integer(),
          completed_at: Nullable(Type.String()),
          completed_by: Nullable(Actor),
          note: Nullable(Type.String()),
          took_minutes: Nullable(Type.Number()),
          over_expected: Nullable(Type.Boolean()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type Drill = Static<typeof Drill>;

/** A page of drills. */
export const DrillPage = PageOf(Drill);
