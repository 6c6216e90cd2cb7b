/**
 * Route matching and permission-based navigation, kept free of React so it is tested on its own.
 * A route's path is literal segments and `:name` parameters (`/decisions/:id`).
 */
export interface RouteEntry {
  readonly path: string;
  /** The i18n key of the page title (and its navigation label). */
  readonly titleKey: string;
  /** The permission needed to see the page; none means every signed-in person. */
  readonly permission?: string;
  /** Shown in the navigation (detail pages such as `/decisions/:id` are not). */
  readonly nav: boolean;
  /** The navigation group the page is listed under; none means the top of the navigation. */
  readonly section?: NavSection;
}

/** The groups of the navigation, in the order they are shown (titles at `nav.sections.<name>`). */
export const NAV_SECTIONS = ['engine', 'credit', 'warning', 'admin'] as const;
export type NavSection = (typeof NAV_SECTIONS)[number];

/** One group of the navigation with the pages of it a person may open. */
export interface NavGroup<R extends RouteEntry> {
  /** Undefined for the pages listed above every group (the overview). */
  readonly section: NavSection | undefined;
  readonly routes: readonly R[];
}

/** A route found for a path, with its parameters. */
export interface RouteMatch<R extends RouteEntry> {
  readonly route: R;
  readonly params: Readonly<Record<string, string>>;
}

/** The parameters of `path` under `pattern`, or undefined when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = have[i] ?? '';
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
    } else if (segment !== actual) return undefined;
  }
  return params;
}

/** The first route matching `path`, whatever the permissions (the page then says "no access"). */
export function findRoute<R extends RouteEntry>(
  routes: readonly R[],
  path: string,
): RouteMatch<R> | undefined {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return { route, params };
  }
  return undefined;
}

/** True when a person holding `permissions` may open `route`. */
export function allows(route: RouteEntry, permissions: readonly string[]): boolean {
  return route.permission === undefined || permissions.includes(route.permission);
}

/** The navigation items a person holding `permissions` sees, in registry order. */
export function navigationFor<R extends RouteEntry>(
  routes: readonly R[],
  permissions: readonly string[],
): R[] {
  return routes.filter((route) => route.nav && allows(route, permissions));
}

/**
 * The navigation as groups: first the pages of no section, then each section in
 * {@link NAV_SECTIONS} order with its pages in registry order; a group with no page the person may
 * open is left out.
 */
export function navigationGroups<R extends RouteEntry>(
  routes: readonly R[],
  permissions: readonly string[],
): NavGroup<R>[] {
  const visible = navigationFor(routes, permissions);
  const groups: NavGroup<R>[] = [];
  for (const section of [undefined, ...NAV_SECTIONS]) {
    const members = visible.filter((route) => route.section === section);
    if (members.length > 0) groups.push({ section, routes: members });
  }
  return groups;
}
