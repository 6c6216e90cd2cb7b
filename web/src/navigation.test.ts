import { describe, expect, it } from 'vitest';
import { MESSAGES } from './i18n/messages.js';
import {
  allows,
  findRoute,
  matchPath,
  navigationFor,
  navigationGroups,
  type RouteEntry,
} from './navigation.js';
import { ROUTES } from './routes.js';

const routes: RouteEntry[] = [
  { path: '/', titleKey: 'nav.overview', nav: true },
  { path: '/decisions', titleKey: 'nav.decisions', permission: 'decision:read', nav: true },
  { path: '/decisions/:id', titleKey: 'decisions.traceTitle', permission: 'decision:read', nav: false },
  { path: '/alerts', titleKey: 'nav.alerts', permission: 'alert:read', nav: true },
];

/** The value at a dotted key of a nested messages object. */
function lookup(messages: unknown, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], messages);
}

describe('permission-based navigation', () => {
  it('shows only the pages a person may open, in registry order', () => {
    expect(navigationFor(routes, ['session:self']).map((r) => r.path)).toEqual(['/']);
    expect(navigationFor(routes, ['alert:read', 'decision:read']).map((r) => r.path)).toEqual([
      '/',
      '/decisions',
      '/alerts',
    ]);
  });

  it('never lists detail pages in the navigation', () => {
    expect(navigationFor(routes, ['decision:read']).some((r) => r.path.includes(':'))).toBe(false);
  });

  it('finds the route of a path with its parameters, and nothing for unknown paths', () => {
    expect(findRoute(routes, '/decisions/abc%20d')).toMatchObject({
      route: { path: '/decisions/:id' },
      params: { id: 'abc d' },
    });
    expect(findRoute(routes, '/decisions/')?.route.path).toBe('/decisions');
    expect(findRoute(routes, '/nowhere')).toBeUndefined();
    expect(matchPath('/decisions/:id', '/decisions/%E0%A4%A')).toBeUndefined();
  });

  it('groups the navigation by section in a fixed order and leaves out empty groups', () => {
    const grouped: RouteEntry[] = [
      { path: '/', titleKey: 'nav.overview', nav: true },
      { path: '/audit', titleKey: 'nav.audit', permission: 'audit:read', nav: true, section: 'admin' },
      { path: '/alerts', titleKey: 'nav.alerts', permission: 'alert:read', nav: true, section: 'warning' },
      {
        path: '/decisions',
        titleKey: 'nav.decisions',
        permission: 'decision:read',
        nav: true,
        section: 'engine',
      },
      { path: '/kris', titleKey: 'nav.kris', permission: 'kri:read', nav: true, section: 'warning' },
    ];
    const shape = (permissions: string[]) =>
      navigationGroups(grouped, permissions).map((g) => [g.section, g.routes.map((r) => r.path)]);
    expect(shape(['audit:read', 'alert:read', 'decision:read', 'kri:read'])).toEqual([
      [undefined, ['/']],
      ['engine', ['/decisions']],
      ['warning', ['/alerts', '/kris']],
      ['admin', ['/audit']],
    ]);
    expect(shape(['kri:read'])).toEqual([
      [undefined, ['/']],
      ['warning', ['/kris']],
    ]);
  });

  it('lets anyone open a page without a permission and checks the others', () => {
    expect(allows(routes[0]!, [])).toBe(true);
    expect(allows(routes[1]!, ['alert:read'])).toBe(false);
  });

  it('registers every page with a title that exists in the messages', () => {
    for (const route of ROUTES)
      expect(typeof lookup(MESSAGES.en, route.titleKey), route.titleKey).toBe('string');
    expect(new Set(ROUTES.map((r) => r.path)).size).toBe(ROUTES.length);
    for (const route of ROUTES.filter((r) => r.section))
      expect(typeof lookup(MESSAGES.en, `nav.sections.${route.section}`), route.path).toBe('string');
  });
});
