import { describe, expect, it } from 'vitest';
import { CASE_PAGE_SIZE, caseFiltersFrom, caseQueryOf, casesPathOf, pageCount } from './case-query.js';

describe('case list filters', () => {
  it('defaults to active cases and drops unknown values', () => {
    const filters = caseFiltersFrom(new URLSearchParams('priority=P9&type=fraud&page=-2'));
    expect(filters).toEqual({
      status: 'active',
      priority: '',
      type: 'fraud',
      assignee: '',
      overdue: false,
      page: 1,
    });
    expect(casesPathOf(filters)).toBe('/cases?type=fraud');
  });

  it('turns filters into the API query, with "me" as the signed-in person', () => {
    const filters = caseFiltersFrom(new URLSearchParams('status=all&assignee=me&overdue=true&page=3'));
    expect(caseQueryOf(filters, 'u-1')).toEqual({
      status: undefined,
      priority: undefined,
      type: undefined,
      assignee_id: 'u-1',
      overdue: 'true',
      limit: CASE_PAGE_SIZE,
      offset: 2 * CASE_PAGE_SIZE,
    });
    expect(casesPathOf(filters)).toBe('/cases?status=all&assignee=me&overdue=true&page=3');
  });

  it('round-trips through the address', () => {
    const path = '/cases?status=resolved&priority=P1&assignee=u-7';
    expect(casesPathOf(caseFiltersFrom(new URLSearchParams(path.split('?')[1])))).toBe(path);
  });

  it('counts pages, at least one', () => {
    expect([pageCount(0), pageCount(25), pageCount(26)]).toEqual([1, 1, 2]);
  });
});
