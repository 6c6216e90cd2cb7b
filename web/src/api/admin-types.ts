/**
 * The shapes of the audit, change and administration answers the console reads, written from the
 * route schemas on the server (`src/modules/audit/schemas.ts`, `identity/changes/schemas.ts`,
 * `identity/schemas.ts`).
 */
import type { Bilingual } from './types.js';

/** Who did something: a person, an API key or Fengkong itself. */
export interface ActorRef {
  readonly type: 'user' | 'api_key' | 'system';
  readonly id: string;
}

/** One entry of the hash-chained audit log. */
export interface AuditEntry {
  readonly seq: number;
  readonly ts: string;
  readonly actor: ActorRef;
  readonly action: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly outcome: string;
  readonly payload: unknown;
  readonly prev_hash: string;
  readonly hash: string;
}

/** `GET /audit`: newest first; `next_before_seq` pages backwards. */
export interface AuditPage {
  readonly items: readonly AuditEntry[];
  readonly next_before_seq: number | null;
}

/** `GET /audit/verify`: the chain is intact, or where it first breaks and why. */
export interface VerifyReport {
  readonly intact: boolean;
  readonly entries: number;
  readonly head: { readonly seq: number; readonly hash: string };
  readonly checkpoints_checked: number;
  readonly first_break: {
    readonly seq: number;
    readonly reason: string;
    readonly detail: string;
    readonly message: string;
  } | null;
}

/** The statuses of a change request. */
export type ChangeStatus = 'pending' | 'applied' | 'rejected' | 'withdrawn' | 'expired' | 'stale';

/** A four-eyes change request in full (`GET /changes/:id`). */
export interface ChangeDetail {
  readonly id: string;
  readonly kind: string;
  readonly target: { readonly type: string; readonly id: string };
  readonly content: unknown;
  readonly reason: string;
  readonly summary: Bilingual;
  readonly maker: ActorRef;
  readonly status: ChangeStatus;
  readonly submitted_at: string;
  readonly expires_at: string;
  readonly decided_by: ActorRef | null;
  readonly decided_at: string | null;
  readonly decision_comment: string | null;
}

/** A user as `GET /users` lists them. */
export interface UserRow {
  readonly id: string;
  readonly username: string;
  readonly display_name: string;
  readonly roles: readonly string[];
  readonly status: 'active' | 'disabled';
  readonly mfa_enrolled: boolean;
  readonly locked_until: string | null;
  readonly last_login_at: string | null;
}

/** An API key without its secret. */
export interface ApiKeyRow {
  readonly id: string;
  readonly name: string;
  readonly hint: string;
  readonly roles: readonly string[];
  readonly status: 'active' | 'expired' | 'revoked';
  readonly created_at: string;
  readonly expires_at: string | null;
  readonly last_used_at: string | null;
}

/** `POST /api-keys`: the key itself appears only in this answer. */
export interface CreatedApiKey {
  readonly api_key: ApiKeyRow;
  readonly key: string;
}
