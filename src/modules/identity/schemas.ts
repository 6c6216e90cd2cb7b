import Type, { type Static } from 'typebox';
import { PERMISSIONS, ROLE_NAMES } from './permissions.js';
import { USERNAME_PATTERN } from './usernames.js';

/**
 * Request and response schemas of `/api/v1/auth`, `/users` and `/api-keys`. Every body and response
 * is closed (`additionalProperties: false`): the body validator strips unknown fields, so a `role`,
 * `status` or `permissions` smuggled into a body is dropped before any handler sees it.
 */
const closed = { additionalProperties: false } as const;

const Uuid = Type.String({ pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' });
const Time = Type.String({ format: 'date-time' });
const NullableTime = Type.Union([Time, Type.Null()]);
const RoleName = Type.Enum([...ROLE_NAMES]);
const PermissionName = Type.Enum(Object.keys(PERMISSIONS));
const Roles = Type.Array(RoleName, { uniqueItems: true, maxItems: ROLE_NAMES.length });
/** A secret typed by a person: bounded so that nobody makes the server hash a megabyte. */
const Typed = Type.String({ minLength: 1, maxLength: 1024 });
const Token = Type.String({ minLength: 1, maxLength: 128 });
const Code = Type.String({
  minLength: 1,
  maxLength: 64,
  description: '6-digit TOTP code or a recovery code',
});

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 256 }), password: Typed },
  closed,
);

export const ChallengeIssued = Type.Object(
  {
    status: Type.Enum(['mfa_required', 'mfa_enrolment_required', 'mfa_enrolment_optional']),
    challenge: Type.String({ description: 'single use, for the second step; expires after 5 minutes' }),
    expires_at: Time,
  },
  closed,
);

export const MfaBody = Type.Object(
  { challenge: Token, code: Type.Optional(Code) },
  { ...closed, description: 'code is required unless the login answered mfa_enrolment_optional' },
);

export const EnrolStartBody = Type.Object(
  { challenge: Type.Optional(Token) },
  { ...closed, description: 'the challenge of a login that asks for enrolment, or nothing from a session' },
);

export const EnrolmentOffer = Type.Object(
  {
    secret: Type.String({ description: 'base32, for typing into an app; shown only now' }),
    otpauth_uri: Type.String(),
    qr_data_url: Type.String({ description: 'the otpauth URI as an SVG QR code' }),
  },
  closed,
);

export const EnrolConfirmBody = Type.Object({ challenge: Type.Optional(Token), code: Code }, closed);

export const UserView = Type.Object(
  {
    id: Uuid,
    username: Type.String(),
    display_name: Type.String(),
    roles: Type.Array(Type.String()),
    status: Type.Enum(['active', 'disabled']),
    mfa_enrolled: Type.Boolean(),
    must_change_password: Type.Boolean(),
    locked_until: NullableTime,
    last_login_at: NullableTime,
    created_at: Time,
    updated_at: Time,
    version: Type.Integer(),
  },
  closed,
);
export type UserView = Static<typeof UserView>;

export const SessionView = Type.Object(
  {
    id: Uuid,
    created_at: Time,
    expires_at: Type.String({ format: 'date-time', description: 'absolute limit' }),
    idle_timeout_seconds: Type.Integer(),
  },
  closed,
);

export const LoginResult = Type.Object(
  {
    user: UserView,
    session: SessionView,
    csrf_token: Type.String({ description: 'send as x-csrf-token on POST, PUT, PATCH and DELETE' }),
    password_change_required: Type.Boolean(),
  },
  closed,
);

export const EnrolConfirmed = Type.Object(
  {
    recovery_codes: Type.Array(Type.String(), { description: 'ten one-time codes, shown only now' }),
    user: Type.Optional(UserView),
    session: Type.Optional(SessionView),
    csrf_token: Type.Optional(Type.String()),
    password_change_required: Type.Optional(Type.Boolean()),
  },
  closed,
);

export const CurrentSession = Type.Object(
  {
    user: UserView,
    session: Type.Object(
      {
        id: Uuid,
        created_at: Time,
        expires_at: Time,
        idle_expires_at: Time,
        mfa_verified: Type.Boolean(),
      },
      closed,
    ),
    permissions: Type.Array(Type.String()),
    csrf_token: Type.String(),
    password_change_required: Type.Boolean(),
  },
  closed,
);

export const PasswordChangeBody = Type.Object({ current_password: Typed, new_password: Typed }, closed);

export const PasswordChanged = Type.Object({ session: SessionView, csrf_token: Type.String() }, closed);

export const LogoutAllResult = Type.Object({ sessions_ended: Type.Integer() }, closed);

export const ListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  closed,
);

export const IdParams = Type.Object({ id: Uuid }, closed);

export const UserList = Type.Object({ items: Type.Array(UserView) }, closed);

export const CreateUserBody = Type.Object(
  {
    username: Type.String({ pattern: USERNAME_PATTERN }),
    display_name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    roles: Roles,
  },
  { ...closed, description: 'a random first password is generated, returned once, and must be changed' },
);

export const CreatedUser = Type.Object({ user: UserView, initial_password: Type.String() }, closed);

export const UpdateUserBody = Type.Object(
  { display_name: Type.String({ minLength: 1, maxLength: 100 }) },
  closed,
);

export const SetRolesBody = Type.Object({ roles: Roles }, closed);

/** `GET /people`: who is who, without roles, status details or sign-in times. */
export const PeopleList = Type.Object(
  {
    items: Type.Array(Type.Object({ id: Uuid, display_name: Type.String(), active: Type.Boolean() }, closed)),
  },
  closed,
);

/** `GET /roles`: every role with its permissions, both languages, and the pairs no one may hold together. */
export const RoleCatalogue = Type.Object(
  {
    items: Type.Array(
      Type.Object(
        {
          name: RoleName,
          en: Type.String(),
          zh: Type.String(),
          holders: Type.Enum(['people', 'api_keys', 'both'], {
            description: 'who may hold the role: people only, API keys only, or both',
          }),
          permissions: Type.Array(
            Type.Object({ name: Type.String(), en: Type.String(), zh: Type.String() }, closed),
          ),
        },
        closed,
      ),
    ),
    incompatible: Type.Array(Type.Array(RoleName, { minItems: 2, maxItems: 2 })),
  },
  closed,
);

export const PasswordReset = Type.Object(
  {
    user: UserView,
    password: Type.String({ description: 'one-time, to hand over; must be changed at login' }),
  },
  closed,
);

export const ApiKeyView = Type.Object(
  {
    id: Uuid,
    name: Type.String(),
    hint: Type.String({ description: 'the first characters of the key' }),
    roles: Type.Array(Type.String()),
    permissions: Type.Array(Type.String()),
    status: Type.Enum(['active', 'expired', 'revoked']),
    created_by: Type.Object({ type: Type.String(), id: Type.String() }, closed),
    created_at: Time,
    expires_at: NullableTime,
    last_used_at: NullableTime,
    revoked_at: NullableTime,
  },
  closed,
);
export type ApiKeyView = Static<typeof ApiKeyView>;

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 100 }),
    roles: Type.Array(RoleName, { uniqueItems: true, minItems: 1, maxItems: ROLE_NAMES.length }),
    permissions: Type.Optional(Type.Array(PermissionName, { uniqueItems: true, maxItems: 100 })),
    expires_at: Type.Optional(Time),
  },
  closed,
);

export const CreatedApiKey = Type.Object(
  { api_key: ApiKeyView, key: Type.String({ description: 'fk_…, shown only now' }) },
  closed,
);

export const ApiKeyList = Type.Object({ items: Type.Array(ApiKeyView) }, closed);

export const NoContent = Type.Null({ description: 'no content' });
