/** Shapes of the user administration answers and the pure parts of the users page. */
import type { UserRow } from '../../api/admin-types.js';

/** `GET /roles`. */
export interface RoleCatalogue {
  readonly items: readonly {
    readonly name: string;
    readonly en: string;
    readonly zh: string;
    readonly holders: 'people' | 'api_keys' | 'both';
    readonly permissions: readonly { readonly name: string; readonly en: string; readonly zh: string }[];
  }[];
  readonly incompatible: readonly (readonly [string, string])[];
}

/** `POST /users`. */
export interface CreatedUser {
  readonly user: UserRow;
  readonly initial_password: string;
}

/** `POST /users/{id}/password-reset`. */
export interface PasswordReset {
  readonly user: UserRow;
  readonly password: string;
}

/** The roles a person may be given: every role that people may hold, in the catalogue's order. */
export function personRoles(catalogue: RoleCatalogue): string[] {
  return catalogue.items.filter((r) => r.holders !== 'api_keys').map((r) => r.name);
}

/**
 * The pair of chosen roles no one may hold together, if any, so the form says so before the
 * server refuses (the server still decides).
 */
export function conflictIn(
  chosen: readonly string[],
  incompatible: RoleCatalogue['incompatible'],
): readonly [string, string] | undefined {
  return incompatible.find(([a, b]) => chosen.includes(a) && chosen.includes(b));
}
