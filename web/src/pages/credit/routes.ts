import { lazy } from 'react';
import type { ConsoleRoute } from '../../routes.js';

/** The pages of the `credit` part of the console (strings in `i18n/sections/credit.{en,zh}.json`). */
export const CREDIT_ROUTES: readonly ConsoleRoute[] = [
  {
    path: '/scorecards',
    section: 'credit',
    titleKey: 'credit.nav.scorecards',
    permission: 'scorecard:read',
    nav: true,
    component: lazy(() => import('./scorecards-page.js')),
  },
  {
    path: '/scorecards/:name',
    section: 'credit',
    titleKey: 'credit.scorecard.title',
    permission: 'scorecard:read',
    nav: false,
    component: lazy(() => import('./scorecard-page.js')),
  },
  {
    path: '/loan-applications',
    section: 'credit',
    titleKey: 'credit.nav.applications',
    permission: 'loan:read',
    nav: true,
    component: lazy(() => import('./applications-page.js')),
  },
  {
    path: '/loan-applications/:id',
    section: 'credit',
    titleKey: 'credit.application.title',
    permission: 'loan:read',
    nav: false,
    component: lazy(() => import('./application-page.js')),
  },
  {
    path: '/loans',
    section: 'credit',
    titleKey: 'credit.nav.loans',
    permission: 'loan:read',
    nav: true,
    component: lazy(() => import('./loans-page.js')),
  },
  {
    path: '/loans/:id',
    section: 'credit',
    titleKey: 'credit.loan.title',
    permission: 'loan:read',
    nav: false,
    component: lazy(() => import('./loan-page.js')),
  },
  {
    path: '/portfolio',
    section: 'credit',
    titleKey: 'credit.nav.portfolio',
    permission: 'loan:read',
    nav: true,
    component: lazy(() => import('./portfolio-page.js')),
  },
];
