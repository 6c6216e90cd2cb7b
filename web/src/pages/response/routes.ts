import { lazy } from 'react';
import type { ConsoleRoute } from '../../routes.js';

/**
 * The pages of the `response` part of the console — cases, incidents, emergency plans and drills —
 * under the early-warning section (strings in `i18n/sections/response.{en,zh}.json`).
 */
export const RESPONSE_ROUTES: readonly ConsoleRoute[] = [
  {
    path: '/cases',
    section: 'warning',
    titleKey: 'response.nav.cases',
    permission: 'case:read',
    nav: true,
    component: lazy(() => import('./cases-page.js')),
  },
  {
    path: '/cases/:id',
    section: 'warning',
    titleKey: 'response.titles.case',
    permission: 'case:read',
    nav: false,
    component: lazy(() => import('./case-page.js')),
  },
  {
    path: '/incidents',
    section: 'warning',
    titleKey: 'response.nav.incidents',
    permission: 'case:read',
    nav: true,
    component: lazy(() => import('./incidents-page.js')),
  },
  {
    path: '/incidents/:id',
    section: 'warning',
    titleKey: 'response.titles.incident',
    permission: 'case:read',
    nav: false,
    component: lazy(() => import('./incident-page.js')),
  },
  {
    path: '/plans',
    section: 'warning',
    titleKey: 'response.nav.plans',
    permission: 'case:read',
    nav: true,
    component: lazy(() => import('./plans-page.js')),
  },
  {
    path: '/plans/new',
    section: 'warning',
    titleKey: 'response.titles.newPlan',
    permission: 'case:work',
    nav: false,
    component: lazy(() => import('./plan-new-page.js')),
  },
  {
    path: '/plans/:id',
    section: 'warning',
    titleKey: 'response.titles.plan',
    permission: 'case:read',
    nav: false,
    component: lazy(() => import('./plan-page.js')),
  },
  {
    path: '/drills',
    section: 'warning',
    titleKey: 'response.nav.drills',
    permission: 'case:read',
    nav: true,
    component: lazy(() => import('./drills-page.js')),
  },
  {
    path: '/drills/:id',
    section: 'warning',
    titleKey: 'response.titles.drill',
    permission: 'case:read',
    nav: false,
    component: lazy(() => import('./drill-page.js')),
  },
];
