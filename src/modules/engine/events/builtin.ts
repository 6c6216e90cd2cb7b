/**
 * The built-in event types of internet finance and the schema of each one's `data`. They are
 * published in the OpenAPI document, used to type-check policy expressions (`data.amount` is a
 * number), and produced by the simulator. Extra fields are allowed (a lender sends what it has) and
 * are typed `dyn` in rules. Amounts are in the currency's major unit (yuan) as JSON numbers.
 */
import Type, { type TSchema } from 'typebox';

const Amount = Type.Number({
  minimum: 0,
  maximum: 1e12,
  description: 'Amount in major units (yuan) / 金额（元）',
});
const Currency = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code / 币种' });
const Channel = Type.String({ maxLength: 32, description: 'app, web, h5, mini_program, partner… / 渠道' });

const open = { additionalProperties: true } as const;

/** `data` of each built-in event type, with its description in both languages. */
export const BUILTIN_EVENT_TYPES = {
  loan_application: {
    title: { en: 'Loan application', zh: '借款申请' },
    data: Type.Object(
      {
        amount: Amount,
        term_months: Type.Integer({ minimum: 1, maximum: 360 }),
        monthly_income: Type.Optional(Type.Number({ minimum: 0, maximum: 1e10 })),
        purpose: Type.Optional(Type.String({ maxLength: 64 })),
        product: Type.Optional(Type.String({ maxLength: 64 })),
        channel: Type.Optional(Channel),
      },
      open,
    ),
  },
  transaction: {
    title: { en: 'Payment or transfer', zh: '支付或转账' },
    data: Type.Object(
      {
        amount: Amount,
        currency: Type.Optional(Currency),
        kind: Type.Union([Type.Literal('payment'), Type.Literal('transfer')]),
        counterparty: Type.Optional(Type.String({ maxLength: 128 })),
        merchant_category: Type.Optional(Type.String({ maxLength: 8, description: 'ISO 18245 MCC' })),
        channel: Type.Optional(Channel),
      },
      open,
    ),
  },
  withdrawal: {
    title: { en: 'Withdrawal', zh: '提现' },
    data: Type.Object(
      {
        amount: Amount,
        currency: Type.Optional(Currency),
        destination: Type.Optional(Type.String({ maxLength: 128 })),
        channel: Type.Optional(Channel),
      },
      open,
    ),
  },
  deposit: {
    title: { en: 'Deposit', zh: '充值' },
    data: Type.Object(
      {
        amount: Amount,
        currency: Type.Optional(Currency),
        source: Type.Optional(Type.String({ maxLength: 128 })),
        channel: Type.Optional(Channel),
      },
      open,
    ),
  },
  login: {
    title: { en: 'Login', zh: '登录' },
    data: Type.Object(
      {
        success: Type.Boolean(),
        method: Type.Optional(Type.String({ maxLength: 32, description: 'password, sms, biometric…' })),
        user_agent: Type.Optional(Type.String({ maxLength: 512 })),
      },
      open,
    ),
  },
  registration: {
    title: { en: 'Registration', zh: '注册' },
    data: Type.Object(
      {
        channel: Type.Optional(Channel),
        referral_code: Type.Optional(Type.String({ maxLength: 64 })),
        age: Type.Optional(Type.Integer({ minimum: 0, maximum: 150 })),
      },
      open,
    ),
  },
  repayment: {
    title: { en: 'Repayment', zh: '还款' },
    data: Type.Object(
      {
        amount: Amount,
        loan_id: Type.String({ minLength: 1, maxLength: 128 }),
        days_past_due: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
      },
      open,
    ),
  },
  profile_change: {
    title: { en: 'Profile change', zh: '资料变更' },
    data: Type.Object(
      {
        field: Type.Union(
          ['phone', 'bank_card', 'password', 'device', 'address', 'email', 'name'].map((f) =>
            Type.Literal(f),
          ),
        ),
      },
      open,
    ),
  },
} as const satisfies Record<string, { title: { en: string; zh: string }; data: TSchema }>;

/** A built-in event type name. */
export type BuiltinEventType = keyof typeof BUILTIN_EVENT_TYPES;

/**
 * Subject identifiers an event may carry. `id_number` (resident identity number, GB 11643),
 * `phone` (mainland mobile) and `card` (bank card, Luhn) are replaced by keyed hashes on arrival.
 */
export const SUBJECT_KEYS = [
  'user_id',
  'account_id',
  'device_id',
  'ip',
  'id_number',
  'phone',
  'card',
] as const;

/** Subject keys stored and matched only as keyed hashes. */
export const HASHED_SUBJECT_KEYS = { id_number: 'id_number', phone: 'phone', card: 'bank_card' } as const;
