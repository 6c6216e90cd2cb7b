/**
 * Paging of lists the API returns whole (the register and the KRI list answer every match; a KRI's
 * history up to its limit), so long lists still show a page at a time.
 */

/** Rows per page of the console's client-side paged tables. */
export const PAGE_SIZE = 20;

/** One page of `items`: its rows, the page shown (clamped) and the number of pages. */
export function pageOf<T>(
  items: readonly T[],
  page: number,
  size = PAGE_SIZE,
): { rows: T[]; page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(1, Math.floor(page) || 1), pages);
  return { rows: items.slice((at - 1) * size, at * size), page: at, pages };
}
