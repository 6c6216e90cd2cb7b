/**
 * Permissions and roles. Every route declares one permission (`config.permission`); a role is a named
 * set of permissions. Separation of duties (reference text 七, internal-misconduct controls; ISO 27001
 * A.5.3): the `admin` role manages people and keys but holds no approving permission, and no user may
 * hold `admin` together with `approver`.
 */

/** Every permission, with what it allows, in both languages. */
export const PERMISSIONS = {
  'session:self': {
    en: 'Use one’s own session: see it, log out, change one’s password, enrol MFA',
    zh: '使用本人会话：查看会话、退出登录、修改本人密码、绑定多因素认证',
  },
  'audit:read': { en: 'Read and verify the audit log', zh: '查看与校验审计日志' },
  'audit:checkpoint': { en: 'Create audit checkpoints', zh: '创建审计检查点' },
  'user:admin': { en: 'Manage users and their roles', zh: '管理用户及其角色' },
  'user:read': { en: 'List users', zh: '查看用户列表' },
  'apikey:admin': { en: 'Create, list and revoke API keys', zh: '创建、查看与吊销 API 密钥' },
  'settings:admin': { en: 'Change installation settings', zh: '修改系统设置' },
  'change:submit': { en: 'Submit changes for four-eyes approval', zh: '提交变更以供双人复核' },
  'change:read': { en: 'See pending and past changes', zh: '查看待审批与历史变更' },
  'change:approve': { en: 'Approve or reject changes submitted by others', zh: '审批他人提交的变更' },
  'decision:create': { en: 'Submit events for a decision', zh: '提交事件获取决策' },
  'decision:read': { en: 'Read decisions and their traces', zh: '查看决策及其明细' },
  'review:work': { en: 'Work the manual review queue', zh: '处理人工审核队列' },
  'policy:read': { en: 'Read policies', zh: '查看策略' },
  'policy:write': { en: 'Write and backtest policies', zh: '编写与回测策略' },
  'policy:approve': { en: 'Approve policy publication', zh: '审批策略发布' },
  'list:read': { en: 'Read block, allow and watch lists', zh: '查看黑白名单与关注名单' },
  'list:write': { en: 'Change lists', zh: '修改名单' },
  'list:propose': {
    en: 'Propose list entries, which land only when another person approves',
    zh: '提议名单条目（经他人审批后生效）',
  },
  'scorecard:read': { en: 'Read scorecards and their validation', zh: '查看评分卡及验证结果' },
  'scorecard:write': { en: 'Build and register scorecards', zh: '构建与注册评分卡' },
  'loan:read': { en: 'Read loans and portfolio reports', zh: '查看贷款与资产组合报告' },
  'loan:write': { en: 'Book loans and repayments', zh: '录入贷款与还款' },
  'loan:approve': { en: 'Approve loans within one’s authority', zh: '在授权额度内审批贷款' },
  'kri:read': { en: 'Read the risk register and KRIs', zh: '查看风险登记册与关键风险指标' },
  'kri:write': { en: 'Change risks, KRIs and thresholds', zh: '修改风险、关键风险指标及阈值' },
  'alert:read': { en: 'Read alerts', zh: '查看预警' },
  'alert:work': { en: 'Acknowledge, resolve and escalate alerts', zh: '确认、处理与升级预警' },
  'case:read': { en: 'Read cases and incidents', zh: '查看案件与事件' },
  'case:work': { en: 'Work cases and incidents', zh: '处理案件与事件' },
} as const;

/** A permission name. */
export type Permission = keyof typeof PERMISSIONS;

/** Every role. `integration` is for API keys only. */
export const ROLE_NAMES = ['admin', 'risk_officer', 'approver', 'analyst', 'auditor', 'integration'] as const;
export type Role = (typeof ROLE_NAMES)[number];

const READ_ALL: readonly Permission[] = [
  'change:read',
  'decision:read',
  'policy:read',
  'list:read',
  'scorecard:read',
  'loan:read',
  'kri:read',
  'alert:read',
  'case:read',
];

/** What each role may do, and its name in both languages. */
export const ROLES: Readonly<
  Record<Role, { readonly en: string; readonly zh: string; readonly permissions: readonly Permission[] }>
> = {
  admin: {
    en: 'Administrator',
    zh: '系统管理员',
    permissions: [
      'session:self',
      'user:admin',
      'user:read',
      'apikey:admin',
      'settings:admin',
      'audit:checkpoint',
      'change:submit',
      'change:read',
    ],
  },
  risk_officer: {
    en: 'Risk officer',
    zh: '风控策略专员',
    permissions: [
      'session:self',
      ...READ_ALL,
      'change:submit',
      'policy:write',
      'list:write',
      'scorecard:write',
      'kri:write',
      'loan:write',
    ],
  },
  approver: {
    en: 'Approver',
    zh: '审批人',
    permissions: ['session:self', ...READ_ALL, 'change:approve', 'policy:approve', 'loan:approve'],
  },
  analyst: {
    en: 'Risk analyst',
    zh: '风控分析师',
    permissions: [
      'session:self',
      ...READ_ALL,
      'review:work',
      'alert:work',
      'case:work',
      'change:submit',
      'list:propose',
    ],
  },
  auditor: {
    en: 'Auditor',
    zh: '审计员',
    permissions: ['session:self', ...READ_ALL, 'audit:read', 'user:read'],
  },
  integration: {
    en: 'Integration (API key)',
    zh: '系统集成（API 密钥）',
    permissions: ['decision:create', 'decision:read'],
  },
};

/** Role pairs no single user may hold together (separation of duties). */
export const INCOMPATIBLE_ROLES: readonly (readonly [Role, Role])[] = [['admin', 'approver']];

/** The union of the permissions of `roles`. */
export function permissionsOf(roles: readonly Role[]): Set<Permission> {
  const out = new Set<Permission>();
  for (const role of roles) for (const p of ROLES[role].permissions) out.add(p);
  return out;
}

/** Roles only API keys may hold; a person never does. */
export const MACHINE_ONLY_ROLES: readonly Role[] = ['integration'];

/**
 * Roles an API key may not hold: administering people and approving what others submit are acts of an
 * identified person who passed MFA, never of a shared machine credential (separation of duties).
 */
export const PERSON_ONLY_ROLES: readonly Role[] = ['admin', 'approver'];

/**
 * Whether a user holding `roles` must use MFA: every role that can change anything. A user whose roles
 * only read (auditor) may enrol but is not forced to.
 */
export function mfaRequired(roles: readonly Role[]): boolean {
  return roles.some((role) => role !== 'auditor');
}

/** Whether `value` names a role. */
export function isRole(value: string): value is Role {
  return (ROLE_NAMES as readonly string[]).includes(value);
}

/** Whether `value` names a permission. */
export function isPermission(value: string): value is Permission {
  return Object.hasOwn(PERMISSIONS, value);
}

/** The first separation-of-duties conflict in `roles`, if any. */
export function roleConflict(roles: readonly Role[]): readonly [Role, Role] | undefined {
  return INCOMPATIBLE_ROLES.find(([a, b]) => roles.includes(a) && roles.includes(b));
}
