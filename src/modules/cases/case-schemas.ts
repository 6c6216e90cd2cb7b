/**
 * Request and response schemas of `/api/v1/cases`. Records carry plain words (`status: "open"`);
 * their labels in both languages come from `GET /cases/vocabulary`.
 */
import Type, { type Static } from 'typebox';
import { Actor, Bilingual, Id, Nullable, PageOf, paging, Time } from './schemas.js';
import {
  CASE_PRIORITIES,
  CASE_STATUSES,
  CASE_TYPES,
  CHECKLIST_STATUSES,
  DISPOSITIONS,
  DRILL_OUTCOMES,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  INCIDENT_TYPES,
} from './vocabulary.js';

const CaseType = Type.Enum([...CASE_TYPES]);
const Priority = Type.Enum([...CASE_PRIORITIES]);
const Status = Type.Enum([...CASE_STATUSES]);
const Disposition = Type.Enum([...DISPOSITIONS]);
const SubjectKey = Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' });
const Subject = Type.Object(
  { key: SubjectKey, value: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
const Ids = Type.Array(Id, { maxItems: 100 });
const Note = Type.String({ minLength: 1, maxLength: 4000 });

/** `POST /cases`. */
export const CreateCaseBody = Type.Object(
  {
    title: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 4000 })),
    type: Type.Optional(CaseType),
    priority: Type.Optional(Priority),
    assignee_id: Type.Optional(Id),
    due_at: Type.Optional(Time),
    decision_ids: Type.Optional(Ids),
    alert_ids: Type.Optional(Ids),
    subjects: Type.Optional(Type.Array(Subject, { maxItems: 50 })),
  },
  { additionalProperties: false },
);
export type CreateCaseBody = Static<typeof CreateCaseBody>;

/** `GET /cases`: filters and paging. `status=active` means open or in progress. */
export const CaseQuery = Type.Object(
  {
    status: Type.Optional(Type.Enum([...CASE_STATUSES, 'active'])),
    type: Type.Optional(CaseType),
    priority: Type.Optional(Priority),
    assignee_id: Type.Optional(Id),
    subject_key: Type.Optional(SubjectKey),
    subject_value: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    decision_id: Type.Optional(Id),
    alert_id: Type.Optional(Id),
    overdue: Type.Optional(Type.Boolean()),
    ...paging,
  },
  { additionalProperties: false },
);
export type CaseQuery = Static<typeof CaseQuery>;

/** `POST /cases/{id}/assign`: null unassigns. */
export const AssignBody = Type.Object(
  { assignee_id: Nullable(Id), note: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

/** `POST /cases/{id}/notes`. */
export const NoteBody = Type.Object({ text: Note }, { additionalProperties: false });

/** `POST /cases/{id}/status`: start, close (with a reason) or reopen (with a reason). */
export const StatusBody = Type.Object(
  {
    status: Type.Enum(['in_progress', 'closed', 'open']),
    reason: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

/** `POST /cases/{id}/resolve`. */
export const ResolveBody = Type.Object(
  { disposition: Disposition, note: Type.Optional(Type.String({ maxLength: 4000 })) },
  { additionalProperties: false },
);

/** `POST /cases/{id}/links`. */
export const LinkBody = Type.Object(
  { decision_ids: Type.Optional(Ids), alert_ids: Type.Optional(Ids) },
  { additionalProperties: false },
);

/** `POST /cases/{id}/list-proposals`. */
export const ProposeBody = Type.Object(
  {
    list: Type.String({ pattern: '^[a-z][a-z0-9_]{0,63}$' }),
    op: Type.Optional(Type.Enum(['add', 'remove'])),
    reason: Type.String({ minLength: 1, maxLength: 500 }),
    values: Type.Array(
      Type.Object(
        {
          value: Type.String({ minLength: 1, maxLength: 300 }),
          reason: Type.Optional(Type.String({ maxLength: 500 })),
          expires_at: Type.Optional(Nullable(Time)),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 100 },
    ),
  },
  { additionalProperties: false },
);
export type ProposeBody = Static<typeof ProposeBody>;

const SubjectOut = Type.Object({ key: Type.String(), value: Type.String() }, { additionalProperties: false });

const caseFields = {
  id: Type.String(),
  title: Type.String(),
  type: CaseType,
  priority: Priority,
  status: Status,
  assignee_id: Nullable(Type.String()),
  due_at: Type.String(),
  overdue: Type.Boolean(),
  disposition: Nullable(Disposition),
  subjects: Type.Array(SubjectOut),
  created_at: Type.String(),
  updated_at: Type.String(),
  version: Type.Integer(),
};

/** A case in a list. */
export const CaseSummary = Type.Object(caseFields, { additionalProperties: false });
export type CaseSummary = Static<typeof CaseSummary>;

/** A page of cases. */
export const CasePage = PageOf(CaseSummary);

/** One list proposal of a case. */
export const Proposal = Type.Object(
  {
    change_id: Type.String(),
    list: Type.String(),
    op: Type.String(),
    entries: Type.Array(Type.String(), { description: 'masked displays of the values' }),
    reason: Type.String(),
    proposed_by: Actor,
    proposed_at: Type.String(),
  },
  { additionalProperties: false },
);
export type Proposal = Static<typeof Proposal>;

/** A proposal just submitted, with the change request's status (`pending` until approved). */
export const ProposalSubmitted = Type.Object(
  { ...Proposal.properties, status: Type.String() },
  { additionalProperties: false },
);

/** One case with its links, activity, labels and proposals. */
export const CaseDetail = Type.Object(
  {
    ...caseFields,
    description: Type.String(),
    decision_ids: Type.Array(Type.String()),
    alert_ids: Type.Array(Type.String()),
    disposition_note: Nullable(Type.String()),
    resolved_at: Nullable(Type.String()),
    resolved_by: Nullable(Actor),
    closed_at: Nullable(Type.String()),
    created_by: Actor,
    activity: Type.Array(
      Type.Object(
        { seq: Type.Integer(), kind: Type.String(), author: Actor, at: Type.String(), text: Type.String() },
        { additionalProperties: false },
      ),
    ),
    labels: Type.Array(
      Type.Object(
        {
          decision_id: Type.String(),
          label: Type.Enum(['fraud', 'legitimate']),
          outcome: Type.Enum(['labelled', 'failed']),
          detail: Nullable(Type.String()),
          at: Type.String(),
        },
        { additionalProperties: false },
      ),
    ),
    proposals: Type.Array(Proposal),
  },
  { additionalProperties: false },
);
export type CaseDetail = Static<typeof CaseDetail>;

const Words = Type.Array(
  Type.Object({ value: Type.String(), label: Bilingual }, { additionalProperties: false }),
);

/** `GET /cases/vocabulary`: every word of cases, incidents, plans and drills with its labels. */
export const Vocabulary = Type.Object(
  {
    case_types: Words,
    priorities: Words,
    case_statuses: Words,
    dispositions: Words,
    incident_types: Words,
    severities: Words,
    incident_statuses: Words,
    drill_outcomes: Words,
    checklist_statuses: Words,
    due_hours: Type.Object(
      { P1: Type.Number(), P2: Type.Number(), P3: Type.Number(), P4: Type.Number() },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);

/** The word lists of {@link Vocabulary}, in order. */
export const VOCABULARY_WORDS = {
  case_types: CASE_TYPES,
  priorities: CASE_PRIORITIES,
  case_statuses: CASE_STATUSES,
  dispositions: DISPOSITIONS,
  incident_types: INCIDENT_TYPES,
  severities: INCIDENT_SEVERITIES,
  incident_statuses: INCIDENT_STATUSES,
  drill_outcomes: DRILL_OUTCOMES,
  checklist_statuses: CHECKLIST_STATUSES,
} as const;
