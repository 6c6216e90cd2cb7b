/**
 * Approval authority (审批权限): how much each person may approve alone, per product — delegated
 * authority by amount, the core of the standardised electronic approval of reference text 五.3.
 * An entry names a user or a role and a product (`*` for every product). A person's limit for a
 * product is their own entry when they have one (for the product, else for `*`): a personal entry
 * replaces what their roles would give, so an administrator can lower one person's authority.
 * Otherwise it is the largest of their roles' entries (each role's entry for the product, else its
 * `*` entry). No entry at all means no authority: every approval needs a second person.
 */
import { type Clock, isoUtc } from '../../../kernel/clock.js';
import type { Executor } from '../../../store/transaction.js';
import type { Actor, AuditLog } from '../../audit/index.js';
import { LoanAuthorityInvalid } from './errors.js';
import { formatMoney } from './money.js';
import * as repo from './repo.js';
import type { AuthorityView } from './schemas.js';
import type { ApprovalAuthorityTable } from './tables.js';
import { type LoanDeps, productProblem } from './terms.js';

/** Whose authority an entry sets. */
export type AuthoritySubject = 'user' | 'role';

/** The effective limit in fen of `userId` holding `roles`, for `product`, from the matching entries. */
export function effectiveLimit(
  entries: readonly ApprovalAuthorityTable[],
  userId: string,
  roles: readonly string[],
  product: string,
): number {
  const pick = (type: AuthoritySubject, id: string) =>
    entries.find((e) => e.subject_type === type && e.subject_id === id && e.product === product) ??
    entries.find((e) => e.subject_type === type && e.subject_id === id && e.product === '*');
  const own = pick('user', userId);
  if (own) return own.max_amount;
  let best = 0;
  for (const role of roles) best = Math.max(best, pick('role', role)?.max_amount ?? 0);
  return best;
}

/** The roles of a person, as the identity module stores them; undefined for an unknown user. */
export async function rolesOf(
  deps: Pick<LoanDeps, 'users'>,
  userId: string,
  db: Executor,
): Promise<readonly string[] | undefined> {
  try {
    const user = await deps.users.get(userId, db);
    const roles = JSON.parse(user.roles) as unknown;
    return Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
  } catch (error) {
    if ((error as { code?: string }).code === 'FK_ERR_USER_NOT_FOUND') return undefined;
    throw error;
  }
}

/** What `actor` may approve alone for `product`, in fen (0 for anyone but a known person). */
export async function limitOf(
  deps: Pick<LoanDeps, 'users'>,
  db: Executor,
  actor: Actor,
  product: string,
): Promise<number> {
  if (actor.type !== 'user') return 0;
  const roles = await rolesOf(deps, actor.id, db);
  if (roles === undefined) return 0;
  return effectiveLimit(await repo.authorityEntries(db, actor.id, roles, product), actor.id, roles, product);
}

/** An entry for the API. */
export function toAuthorityView(row: ApprovalAuthorityTable): AuthorityView {
  return {
    ...row,
    subject_type: row.subject_type as AuthoritySubject,
    max_amount: formatMoney(row.max_amount),
  };
}

/** A change of one entry: a limit in fen, or null to remove the entry. */
export interface AuthorityInput {
  readonly subject_type: AuthoritySubject;
  readonly subject_id: string;
  readonly product: string;
  readonly max_amount: number | null;
}

/**
 * Sets or removes one entry, audited with the limit before and after (`loan.authority.set`). A user
 * must exist and a role must be one of `roles`; refused with `FK_ERR_LOAN_AUTHORITY_INVALID`.
 */
export async function setAuthority(
  deps: Pick<LoanDeps, 'users'> & { readonly clock: Clock; readonly audit: AuditLog },
  trx: Executor,
  input: AuthorityInput,
  knownRoles: readonly string[],
  actor: Actor,
): Promise<AuthorityView | null> {
  const product = input.product === '*' ? undefined : productProblem(input.product);
  if (product)
    throw LoanAuthorityInvalid(`body.product ${product}`, [{ path: 'body.product', message: product }]);
  if (input.subject_type === 'role' && !knownRoles.includes(input.subject_id))
    throw LoanAuthorityInvalid(`body.subject_id ${JSON.stringify(input.subject_id)} is not a role`);
  if (input.subject_type === 'user' && (await rolesOf(deps, input.subject_id, trx)) === undefined)
    throw LoanAuthorityInvalid(`body.subject_id: user ${input.subject_id} does not exist`);
  const key = { subject_type: input.subject_type, subject_id: input.subject_id, product: input.product };
  const before = await repo.findAuthority(trx, key);
  const at = isoUtc(deps.clock.now());
  const row: ApprovalAuthorityTable | null =
    input.max_amount === null
      ? null
      : { ...key, max_amount: input.max_amount, updated_by: `${actor.type}:${actor.id}`, updated_at: at };
  if (row) await repo.putAuthority(trx, row);
  else await repo.deleteAuthority(trx, key);
  await deps.audit.append(trx, {
    actor,
    action: 'loan.authority.set',
    target: { type: 'approval_authority', id: `${key.subject_type}:${key.subject_id}:${key.product}` },
    payload: {
      ...key,
      before: before ? formatMoney(before.max_amount) : null,
      after: row ? formatMoney(row.max_amount) : null,
    },
  });
  return row ? toAuthorityView(row) : null;
}
