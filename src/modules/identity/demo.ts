import type { Executor } from '../../store/transaction.js';
import { SYSTEM_ACTOR } from '../audit/index.js';
import { userTarget } from './deps.js';
import { generatePassword } from './passwords.js';
import type { Role } from './permissions.js';
import type { Identity } from './service.js';
import { newTotpSecret, totpUri } from './totp.js';

/** The people of the demo workspace: one per human role. */
export const DEMO_USERS: readonly { username: string; role: Role; en: string; zh: string }[] = [
  { username: 'admin', role: 'admin', en: 'Demo administrator', zh: '演示系统管理员' },
  { username: 'officer', role: 'risk_officer', en: 'Demo risk officer', zh: '演示风控策略专员' },
  { username: 'approver', role: 'approver', en: 'Demo approver', zh: '演示审批人' },
  { username: 'analyst', role: 'analyst', en: 'Demo risk analyst', zh: '演示风控分析师' },
  { username: 'auditor', role: 'auditor', en: 'Demo auditor', zh: '演示审计员' },
];

/** What the demo accounts are, for tests: usernames, their secrets, the key. */
export interface DemoAccounts {
  readonly users: readonly { username: string; password: string; totpSecret: string | undefined }[];
  readonly apiKey: string;
  /** Lines for the terminal of the person who started the server: the only time these secrets show. */
  readonly lines: readonly string[];
}

/**
 * Creates the demo people, each with a random password and TOTP already enrolled (so a newcomer can
 * sign in at once with the secret in an authenticator app, or `fengkong`'s printed otpauth URI), and
 * one integration API key — inside `trx`, the demo loader's transaction. No fixed password exists
 * anywhere: every secret is generated here and printed once.
 */
export async function createDemoAccounts(identity: Identity, trx: Executor): Promise<DemoAccounts> {
  const withMfa = identity.deps.secrets.available;
  const users: { username: string; password: string; totpSecret: string | undefined }[] = [];
  const lines = [
    'Demo accounts — shown only now, stored only as hashes / 演示账户——仅显示这一次，系统只保存其哈希：',
  ];
  for (const demo of DEMO_USERS) {
    const password = generatePassword();
    const { user } = await identity.users.create(
      { username: demo.username, displayName: `${demo.en} / ${demo.zh}`, roles: [demo.role], password },
      SYSTEM_ACTOR,
      trx,
    );
    let totpSecret: string | undefined;
    if (withMfa) {
      totpSecret = newTotpSecret();
      await identity.mfa.enrolDirectly(trx, user, totpSecret);
      await identity.deps.audit.append(trx, {
        actor: SYSTEM_ACTOR,
        action: 'user.mfa.enrol',
        target: userTarget(user),
        payload: { via: 'demo_workspace' },
      });
    }
    users.push({ username: demo.username, password, totpSecret });
    lines.push(`  ${demo.username.padEnd(9)} (${demo.role}) password / 密码: ${password}`);
    if (totpSecret)
      lines.push(
        `            TOTP secret / 动态口令密钥: ${totpSecret}  ${totpUri(totpSecret, demo.username)}`,
      );
  }
  if (!withMfa) {
    lines.push(
      '  MFA is not set up: set FENGKONG_SECRET_KEY, then enrol at first login / 未配置多因素认证：请设置 FENGKONG_SECRET_KEY，首次登录时绑定',
    );
  }
  const { key } = await identity.apiKeys.create(
    { name: 'demo-integration', roles: ['integration'] },
    SYSTEM_ACTOR,
    trx,
  );
  lines.push(`Demo integration API key / 演示集成 API 密钥: ${key}`);
  return { users, apiKey: key, lines };
}
