/**
 * The case list's filters as they live in the address (`/cases?status=active&priority=P1&page=2`),
 * turned into the query of `GET /cases` and back. Unknown values are dropped rather than sent, so a
 * hand-edited address never earns a 400.
 */

/** Cases a page of the list shows. */
export const CASE_PAGE_SIZE = 25;

const STATUSES = ['active', 'open', 'in_progress', 'resolved', 'closed'] as const;
const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
const TYPES = ['fraud', 'credit', 'operational', 'compliance', 'other'] as const;

/** The filters of the case list. `assignee` is a user id, or `me` for the signed-in person. */
export interface CaseFilters {
  readonly status: string;
  readonly priority: string;
  readonly type: string;
  readonly assignee: string;
  readonly overdue: boolean;
  readonly page: number;
}

/** The filters in `search`; the default status is `active` (open or in progress). */
export function caseFiltersFrom(search: URLSearchParams): CaseFilters {
  const pick = (name: string, allowed: readonly string[], fallback = '') => {
    const value = search.get(name) ?? fallback;
    return allowed.includes(value) ? value : fallback;
  };
  const page = Number.parseInt(search.get('page') ?? '1', 10);
  return {
    status: search.get('status') === 'all' ? '' : pick('status', STATUSES, 'active'),
    priority: pick('priority', PRIORITIES),
    type: pick('type', TYPES),
    assignee: (search.get('assignee') ?? '').trim().slice(0, 128),
    overdue: search.get('overdue') === 'true',
    page: Number.isFinite(page) && page > 0 ? page : 1,
  };
}

/** The query of `GET /cases` for `filters`, with `me` the signed-in person's id. */
export function caseQueryOf(filters: CaseFilters, me: string): Record<string, string | number | undefined> {
  return {
    status: filters.status || undefined,
    priority: filters.priority || undefined,
    type: filters.type || undefined,
    assignee_id: filters.assignee === 'me' ? me || undefined : filters.assignee || undefined,
    overdue: filters.overdue ? 'true' : undefined,
    limit: CASE_PAGE_SIZE,
    offset: (filters.page - 1) * CASE_PAGE_SIZE,
  };
}

/** The address of the case list showing `filters`. */
export function casesPathOf(filters: CaseFilters): string {
  const params = new URLSearchParams();
  if (filters.status !== 'active') params.set('status', filters.status || 'all');
  if (filters.priority) params.set('priority', filters.priority);
  if (filters.type) params.set('type', filters.type);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.overdue) params.set('overdue', 'true');
  if (filters.page > 1) params.set('page', String(filters.page));
  return params.size > 0 ? `/cases?${params}` : '/cases';
}

/** How many pages `total` records fill. */
export function pageCount(total: number, size: number = CASE_PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}
