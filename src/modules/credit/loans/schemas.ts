/**
 * Request and response schemas of the loan routes. Money is a yuan string with two decimals in
 * responses ("12345.67") and at most two in requests; rates are decimal fractions as strings
 * ("0.12" is 12 %); calendar dates are `YYYY-MM-DD`. Responses list every property and forbid others.
 */
import Type, { type Static } from 'typebox';

const MoneyIn = Type.String({
  pattern: '^(0|[1-9][0-9]{0,12})(\\.[0-9]{1,2})?$',
  description: 'yuan, at most two decimals / 金额（元）',
});
const Money = Type.String({ pattern: '^-?[0-9]+\\.[0-9]{2}$', description: 'yuan / 金额（元）' });
const RateText = Type.String({
  pattern: '^(0|[1-9][0-9]{0,3})(\\.[0-9]{1,10})?$',
  description: 'a decimal fraction: 0.12 is 12 %',
});
const DateText = Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD' });
const Time = Type.String({ format: 'date-time' });
const Id = Type.String({ minLength: 1, maxLength: 64 });
const Text = Type.String({ minLength: 1, maxLength: 500 });
const Actor = Type.Object(
  {
    type: Type.Union([Type.Literal('user'), Type.Literal('api_key'), Type.Literal('system')]),
    id: Type.String(),
  },
  { additionalProperties: false },
);
// Spelled out (not mapped from a list) so that the static types keep every literal.
const ApplicationStatus = Type.Union([
  Type.Literal('pending_review'),
  Type.Literal('approved'),
  Type.Literal('awaiting_second_approval'),
  Type.Literal('booked'),
  Type.Literal('rejected'),
]);
const Bucket = Type.Union([
  Type.Literal('current'),
  Type.Literal('M1'),
  Type.Literal('M2'),
  Type.Literal('M3'),
  Type.Literal('M3+'),
]);
const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
const Kind = Type.Union([Type.Literal('annuity'), Type.Literal('equal_principal')], {
  description: 'annuity: equal instalments (等额本息); equal_principal: equal principal (等额本金)',
});
const FeeIn = Type.Object(
  { amount: Type.Optional(MoneyIn), rate: Type.Optional(RateText) },
  { additionalProperties: false, description: 'exactly one of amount (yuan) or rate (of the principal)' },
);
const FeeOut = Nullable(
  Type.Object(
    { amount: Type.Optional(Money), rate: Type.Optional(Type.String()) },
    { additionalProperties: false },
  ),
);
/** The fees of a loan or application as stored. */
export const Fees = Type.Object({ upfront: FeeOut, monthly: FeeOut }, { additionalProperties: false });

const termsFields = {
  borrower_id: Type.String({ minLength: 1, maxLength: 128 }),
  product: Type.String({ minLength: 1, maxLength: 64 }),
  principal: MoneyIn,
  annual_rate: RateText,
  term_months: Type.Integer({ minimum: 1, maximum: 480 }),
  schedule_kind: Kind,
  upfront_fee: Type.Optional(Nullable(FeeIn)),
  monthly_fee: Type.Optional(Nullable(FeeIn)),
};

/** `POST /loan-applications`: an application entered by a person. */
export const ApplicationBody = Type.Object(termsFields, { additionalProperties: false });

/** `POST /loans`: a loan booked directly, within the booker's authority. */
export const BookBody = Type.Object(
  { ...termsFields, disbursed_on: Type.Optional(DateText), first_due_date: Type.Optional(DateText) },
  { additionalProperties: false },
);

/** A loan application. */
export const Application = Type.Object(
  {
    id: Type.String(),
    event_id: Nullable(Type.String()),
    decision_id: Nullable(Type.String()),
    borrower_id: Type.String(),
    product: Type.String(),
    amount: Money,
    term_months: Type.Integer(),
    annual_rate: Type.String(),
    schedule_kind: Type.String(),
    fees: Fees,
    engine_outcome: Nullable(Type.String()),
    score: Nullable(Type.Number()),
    probability: Nullable(Type.Number()),
    status: ApplicationStatus,
    change_id: Nullable(Type.String({ description: 'the loan.approve change awaiting a second approver' })),
    first_approver: Nullable(Actor),
    decided_by: Nullable(Actor),
    decided_at: Nullable(Time),
    decision_reason: Nullable(Type.String()),
    loan_id: Nullable(Type.String()),
    created_by: Nullable(Actor),
    created_at: Time,
    updated_at: Time,
    version: Type.Integer(),
  },
  { additionalProperties: false },
);

/** A page of applications. */
export const ApplicationPage = Type.Object(
  { items: Type.Array(Application), total: Type.Integer() },
  { additionalProperties: false },
);

const paging = {
  limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
  offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
};

/** Paging and filter of applications. */
export const ApplicationQuery = Type.Object(
  {
    status: Type.Optional(ApplicationStatus),
    product: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    min_amount: Type.Optional(MoneyIn),
    max_amount: Type.Optional(MoneyIn),
    ...paging,
  },
  { additionalProperties: false },
);

/** Paging and filters of loans. */
export const LoanQuery = Type.Object(
  {
    status: Type.Optional(
      Type.Union([Type.Literal('active'), Type.Literal('closed'), Type.Literal('written_off')]),
    ),
    borrower_id: Type.Optional(Type.String({ maxLength: 128 })),
    product: Type.Optional(Type.String({ maxLength: 64 })),
    ...paging,
  },
  { additionalProperties: false },
);

/** A path `:id`. */
export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
/** `?as_of=` of one loan. */
export const AsOfQuery = Type.Object({ as_of: Type.Optional(DateText) }, { additionalProperties: false });
/** `?on=` of a payoff quote. */
export const OnQuery = Type.Object({ on: Type.Optional(DateText) }, { additionalProperties: false });

/** `POST /loan-applications/{id}/approve`. */
export const ApproveBody = Type.Object(
  { comment: Type.Optional(Type.String({ maxLength: 500 })) },
  { additionalProperties: false },
);
/** `POST /loan-applications/{id}/reject`. */
export const RejectBody = Type.Object({ reason: Text }, { additionalProperties: false });

const Position = Type.Object(
  {
    as_of: DateText,
    outstanding_principal: Money,
    overdue: Money,
    penalty_due: Money,
    dpd: Type.Integer({ description: 'days past due / 逾期天数' }),
    bucket: Bucket,
    credit: Money,
    next_due: Nullable(Type.Object({ date: DateText, amount: Money }, { additionalProperties: false })),
  },
  { additionalProperties: false },
);

const loanFields = {
  id: Type.String(),
  application_id: Nullable(Type.String()),
  external_ref: Nullable(Type.String()),
  borrower_id: Type.String(),
  product: Type.String(),
  principal: Money,
  annual_rate: Type.String(),
  term_months: Type.Integer(),
  schedule_kind: Type.String(),
  fees: Fees,
  upfront_fee: Money,
  monthly_fee: Money,
  net_disbursed: Money,
  penalty_daily_rate: Type.String(),
  apr: Type.Object(
    { nominal: Type.String(), effective: Type.String() },
    {
      additionalProperties: false,
      description:
        'annualised rate by IRR (PBOC announcement [2021] No. 3): 12 × monthly IRR, and (1 + IRR)^12 − 1',
    },
  ),
  disbursed_on: DateText,
  first_due_date: DateText,
  status: Type.Union([Type.Literal('active'), Type.Literal('closed'), Type.Literal('written_off')]),
  closed_on: Nullable(DateText),
  written_off_on: Nullable(DateText),
  source: Type.String(),
  created_by: Nullable(Actor),
  created_at: Time,
  version: Type.Integer(),
  position: Position,
};

/** A loan in a list. */
export const Loan = Type.Object(loanFields, { additionalProperties: false });
/** A page of loans. */
export const LoanPage = Type.Object(
  { items: Type.Array(Loan), total: Type.Integer() },
  { additionalProperties: false },
);

const Instalment = Type.Object(
  {
    seq: Type.Integer(),
    kind: Type.String(),
    due_date: DateText,
    principal: Money,
    interest: Money,
    fee: Money,
    penalty: Money,
    paid_principal: Money,
    paid_interest: Money,
    paid_fee: Money,
    paid_penalty: Money,
    settled_on: Nullable(DateText),
  },
  { additionalProperties: false },
);
const Allocation = Type.Object(
  { penalty: Money, fee: Money, interest: Money, principal: Money, credit: Money },
  {
    additionalProperties: false,
    description: 'penalty → fees → interest → principal; credit held for later due dates',
  },
);

/** A repayment. */
export const Repayment = Type.Object(
  {
    id: Type.String(),
    loan_id: Type.String(),
    seq: Type.Integer(),
    kind: Type.String(),
    amount: Money,
    received_on: DateText,
    allocation: Allocation,
    reference: Nullable(Type.String()),
    source: Type.String(),
    created_by: Nullable(Actor),
    created_at: Time,
  },
  { additionalProperties: false },
);

/** A write-off. */
export const WriteOff = Type.Object(
  {
    loan_id: Type.String(),
    written_off_on: DateText,
    principal: Money,
    interest: Money,
    fee: Money,
    penalty: Money,
    total: Money,
    dpd: Type.Integer(),
    reason: Type.String(),
    created_by: Nullable(Actor),
    created_at: Time,
  },
  { additionalProperties: false },
);

/** A recovery. */
export const Recovery = Type.Object(
  {
    id: Type.String(),
    loan_id: Type.String(),
    amount: Money,
    received_on: DateText,
    note: Type.String(),
    created_by: Nullable(Actor),
    created_at: Time,
  },
  { additionalProperties: false },
);

/** A loan with its ledger, repayments, write-off and recoveries. */
export const LoanDetail = Type.Object(
  {
    ...loanFields,
    instalments: Type.Array(Instalment),
    repayments: Type.Array(Repayment),
    write_off: Nullable(WriteOff),
    recoveries: Type.Array(Recovery),
    recovered: Money,
  },
  { additionalProperties: false },
);

/** `POST /loans/{id}/repayments`. */
export const RepaymentBody = Type.Object(
  {
    amount: MoneyIn,
    received_on: Type.Optional(DateText),
    kind: Type.Optional(
      Type.Union([Type.Literal('regular'), Type.Literal('prepayment'), Type.Literal('payoff')], {
        default: 'regular',
      }),
    ),
    reference: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'refused when already recorded' }),
    ),
  },
  { additionalProperties: false },
);

/** A payoff quote. */
export const PayoffQuote = Type.Object(
  {
    on: DateText,
    penalty: Money,
    fee: Money,
    interest: Money,
    accrued_interest: Money,
    principal: Money,
    credit: Money,
    total: Money,
  },
  { additionalProperties: false },
);

/** `POST /loans/{id}/write-off`. */
export const WriteOffBody = Type.Object(
  { reason: Text, written_off_on: Type.Optional(DateText) },
  { additionalProperties: false },
);

/** `POST /loans/{id}/recoveries`. */
export const RecoveryBody = Type.Object(
  {
    amount: MoneyIn,
    received_on: Type.Optional(DateText),
    note: Type.String({ maxLength: 500, default: '' }),
  },
  { additionalProperties: false },
);

/** An approval authority entry. */
export const Authority = Type.Object(
  {
    subject_type: Type.Union([Type.Literal('user'), Type.Literal('role')]),
    subject_id: Type.String(),
    product: Type.String({ description: '* for every product' }),
    max_amount: Money,
    updated_by: Type.String(),
    updated_at: Time,
  },
  { additionalProperties: false },
);

/** Every authority entry. */
export const AuthorityList = Type.Object({ items: Type.Array(Authority) }, { additionalProperties: false });

/** `PUT /loan-authority`: set one entry, or remove it with a null limit. */
export const AuthorityBody = Type.Object(
  {
    subject_type: Type.Union([Type.Literal('user'), Type.Literal('role')]),
    subject_id: Type.String({ minLength: 1, maxLength: 64 }),
    product: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'a product code, or * for every product',
    }),
    max_amount: Nullable(MoneyIn),
  },
  { additionalProperties: false },
);

/** The answer of `PUT /loan-authority`. */
export const AuthoritySet = Type.Object({ entry: Nullable(Authority) }, { additionalProperties: false });

/** The per-row report of an import. */
export const ImportReport = Type.Object(
  {
    rows: Type.Integer(),
    booked: Type.Integer(),
    recorded: Type.Integer(),
    refused: Type.Integer(),
    results: Type.Array(
      Type.Object(
        {
          row: Type.Integer(),
          line: Type.Integer(),
          loan_ref: Type.String(),
          status: Type.Union([Type.Literal('booked'), Type.Literal('recorded'), Type.Literal('refused')]),
          loan_id: Type.Optional(Type.String()),
          message: Type.Optional(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

/** An application as the API shows it. */
export type ApplicationView = Static<typeof Application>;
/** A loan in a list. */
export type LoanView = Static<typeof Loan>;
/** A loan with its ledger, repayments, write-off and recoveries. */
export type LoanDetailView = Static<typeof LoanDetail>;
/** A repayment as the API shows it. */
export type RepaymentView = Static<typeof Repayment>;
/** A write-off as the API shows it. */
export type WriteOffView = Static<typeof WriteOff>;
/** A recovery as the API shows it. */
export type RecoveryView = Static<typeof Recovery>;
/** An authority entry as the API shows it. */
export type AuthorityView = Static<typeof Authority>;
/** The fees of a loan or application. */
export type FeesView = Static<typeof Fees>;
