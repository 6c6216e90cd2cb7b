import { defineError } from '../../kernel/errors.js';

/**
 * The one answer to every failed password step: wrong password, unknown user, locked or disabled
 * account all look the same (OWASP ASVS 5.0 V6.3.8), so that the answer tells an attacker nothing.
 */
export const LoginFailed = defineError(
  'FK_ERR_LOGIN_FAILED',
  401,
  'Login failed: wrong username or password, or the account is locked after repeated failures',
  '登录失败：用户名或密码错误，或账户因多次失败已被锁定',
);
export const ChallengeInvalid = defineError(
  'FK_ERR_LOGIN_CHALLENGE_INVALID',
  401,
  'The login challenge is invalid, used or expired: log in again',
  '登录验证已失效、已使用或已过期，请重新登录',
);
export const MfaCodeInvalid = defineError(
  'FK_ERR_MFA_CODE_INVALID',
  401,
  'The verification code is wrong, expired or already used',
  '验证码错误、已过期或已被使用',
);
export const MfaAlreadyEnrolled = defineError(
  'FK_ERR_MFA_ALREADY_ENROLLED',
  409,
  'MFA is already enrolled; an administrator can reset it',
  '已绑定多因素认证；如需重新绑定，请联系管理员重置',
);
export const MfaEnrolmentNotStarted = defineError(
  'FK_ERR_MFA_ENROLMENT_NOT_STARTED',
  409,
  'Start MFA enrolment before confirming it',
  '请先开始绑定多因素认证，再进行确认',
);
export const SecretKeyMissing = defineError(
  'FK_ERR_SECRET_KEY_MISSING',
  503,
  'MFA is unavailable: no secret key is configured (set FENGKONG_SECRET_KEY)',
  '多因素认证不可用：未配置密钥（请设置 FENGKONG_SECRET_KEY）',
);
export const SecretKeyMismatch = defineError(
  'FK_ERR_SECRET_KEY_MISMATCH',
  503,
  'A stored TOTP secret cannot be opened with the configured secret key',
  '无法用当前配置的密钥解密已存储的 TOTP 密钥',
);
export const PasswordTooShort = defineError(
  'FK_ERR_PASSWORD_TOO_SHORT',
  422,
  'The password must have at least 12 characters',
  '密码至少需要 12 个字符',
);
export const PasswordTooLong = defineError(
  'FK_ERR_PASSWORD_TOO_LONG',
  422,
  'The password must have at most 128 characters',
  '密码最多 128 个字符',
);
export const PasswordCommon = defineError(
  'FK_ERR_PASSWORD_COMMON',
  422,
  'This password is on the list of common or breached passwords; choose another',
  '该密码属于常见或已泄露密码，请另选',
);
export const PasswordIsUsername = defineError(
  'FK_ERR_PASSWORD_IS_USERNAME',
  422,
  'The password must not be the username',
  '密码不能与用户名相同',
);
export const CurrentPasswordWrong = defineError(
  'FK_ERR_CURRENT_PASSWORD_WRONG',
  422,
  'The current password is wrong',
  '当前密码错误',
);
export const UsernameTaken = defineError(
  'FK_ERR_USERNAME_TAKEN',
  409,
  'This username is already taken',
  '该用户名已被占用',
);
export const UserNotFound = defineError('FK_ERR_USER_NOT_FOUND', 404, 'No such user', '用户不存在');
export const RoleConflict = defineError(
  'FK_ERR_ROLE_CONFLICT',
  422,
  'These roles may not be held together (separation of duties)',
  '这些角色不能由同一人兼任（职责分离）',
);
export const RoleNotAllowed = defineError(
  'FK_ERR_ROLE_NOT_ALLOWED',
  422,
  'This role cannot be given here',
  '此处不能授予该角色',
);
export const LastAdmin = defineError(
  'FK_ERR_LAST_ADMIN',
  409,
  'This would leave no active administrator',
  '此操作将导致没有可用的系统管理员',
);
export const ApiKeyNotFound = defineError(
  'FK_ERR_API_KEY_NOT_FOUND',
  404,
  'No such API key',
  'API 密钥不存在',
);
export const ApiKeyScope = defineError(
  'FK_ERR_API_KEY_SCOPE',
  422,
  'An API key may only carry permissions of its roles',
  'API 密钥只能拥有其角色包含的权限',
);
export const ExpiryInPast = defineError(
  'FK_ERR_EXPIRY_IN_PAST',
  422,
  'The expiry must be in the future',
  '过期时间必须晚于当前时间',
);
export const CsrfRejected = defineError(
  'FK_ERR_CSRF',
  403,
  'Missing or wrong x-csrf-token header for a request authenticated by a session cookie',
  '使用会话 Cookie 的写请求缺少或携带了错误的 x-csrf-token 请求头',
);
export const PasswordUnchanged = defineError(
  'FK_ERR_PASSWORD_UNCHANGED',
  422,
  'The new password must differ from the current one',
  '新密码不能与当前密码相同',
);
export const MfaEnrolmentRequired = defineError(
  'FK_ERR_MFA_ENROLMENT_REQUIRED',
  409,
  'Enrol an authenticator app first (POST /api/v1/auth/mfa/enrol)',
  '请先绑定身份验证器应用（POST /api/v1/auth/mfa/enrol）',
);
export const UsernameInvalid = defineError(
  'FK_ERR_USERNAME_INVALID',
  422,
  'A username has 3 to 64 characters: a letter, then letters, digits, ".", "_" or "-"',
  '用户名为 3 至 64 个字符：以字母开头，其后为字母、数字、“.”、“_”或“-”',
);
