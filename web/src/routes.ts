import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import type { RouteEntry } from './navigation.js';
import { CREDIT_ROUTES } from './pages/credit/routes.js';
import { POLICY_ROUTES } from './pages/policies/routes.js';
import { RESPONSE_ROUTES } from './pages/response/routes.js';
import { RISK_ROUTES } from './pages/risks/routes.js';

/** What every page receives: the parameters of its path. */
export interface PageProps {
  readonly params: Readonly<Record<string, string>>;
}

/** A page of the console: where it lives, its title, who may see it and its lazily loaded code. */
export interface ConsoleRoute extends RouteEntry {
  readonly component: LazyExoticComponent<ComponentType<PageProps>>;
}

/**
 * The route registry: the navigation, the permission checks and the page loading are all driven by
 * this list. A new page is one entry here (or in its section's `pages/<section>/routes.ts`), one
 * component and its strings in `i18n/{en,zh}.json` or `i18n/sections/<section>.{en,zh}.json`.
 * Permissions are the server's (`src/modules/identity/permissions.ts`); the server enforces them
 * again on every request.
 */
export const ROUTES: readonly ConsoleRoute[] = [
  {
    path: '/',
    titleKey: 'nav.overview',
    nav: true,
    component: lazy(() => import('./pages/overview/overview-page.js')),
  },
  {
    path: '/decisions',
    section: 'engine',
    titleKey: 'nav.decisions',
    permission: 'decision:read',
    nav: true,
    component: lazy(() => import('./pages/decisions/decisions-page.js')),
  },
  {
    path: '/decisions/:id',
    section: 'engine',
    titleKey: 'decisions.traceTitle',
    permission: 'decision:read',
    nav: false,
    component: lazy(() => import('./pages/decisions/decision-trace-page.js')),
  },
  {
    path: '/reviews',
    section: 'engine',
    titleKey: 'nav.reviews',
    permission: 'decision:read',
    nav: true,
    component: lazy(() => import('./pages/decisions/reviews-page.js')),
  },
  ...POLICY_ROUTES,
  ...CREDIT_ROUTES,
  {
    path: '/alerts',
    section: 'warning',
    titleKey: 'nav.alerts',
    permission: 'alert:read',
    nav: true,
    component: lazy(() => import('./pages/alerts/alerts-page.js')),
  },
  ...RISK_ROUTES,
  ...RESPONSE_ROUTES,
  {
    path: '/changes',
    section: 'admin',
    titleKey: 'nav.changes',
    permission: 'change:read',
    nav: true,
    component: lazy(() => import('./pages/changes/changes-page.js')),
  },
  {
    path: '/changes/:id',
    section: 'admin',
    titleKey: 'changes.detailTitle',
    permission: 'change:read',
    nav: false,
    component: lazy(() => import('./pages/changes/change-page.js')),
  },
  {
    path: '/audit',
    section: 'admin',
    titleKey: 'nav.audit',
    permission: 'audit:read',
    nav: true,
    component: lazy(() => import('./pages/audit/audit-page.js')),
  },
  {
    path: '/audit/:seq',
    section: 'admin',
    titleKey: 'auditLog.entryTitle',
    permission: 'audit:read',
    nav: false,
    component: lazy(() => import('./pages/audit/audit-entry-page.js')),
  },
  {
    path: '/users',
    section: 'admin',
    titleKey: 'nav.users',
    permission: 'user:read',
    nav: true,
    component: lazy(() => import('./pages/admin/users-page.js')),
  },
  {
    path: '/api-keys',
    section: 'admin',
    titleKey: 'nav.apiKeys',
    permission: 'apikey:admin',
    nav: true,
    component: lazy(() => import('./pages/admin/api-keys-page.js')),
  },
];
