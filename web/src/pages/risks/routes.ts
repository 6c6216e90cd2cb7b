import { lazy } from 'react';
import type { ConsoleRoute } from '../../routes.js';

/** The pages of the `risks` part of the console (strings in `i18n/sections/risks.{en,zh}.json`). */
export const RISK_ROUTES: readonly ConsoleRoute[] = [
  {
    path: '/risks',
    section: 'warning',
    titleKey: 'risks.nav',
    permission: 'kri:read',
    nav: true,
    component: lazy(() => import('./risks-page.js')),
  },
  {
    path: '/risks/:id',
    section: 'warning',
    titleKey: 'risks.risk.title',
    permission: 'kri:read',
    nav: false,
    component: lazy(() => import('./risk-page.js')),
  },
  {
    path: '/kris',
    section: 'warning',
    titleKey: 'risks.kris.nav',
    permission: 'kri:read',
    nav: true,
    component: lazy(() => import('./kris-page.js')),
  },
  {
    path: '/kris/:id',
    section: 'warning',
    titleKey: 'risks.kri.title',
    permission: 'kri:read',
    nav: false,
    component: lazy(() => import('./kri-page.js')),
  },
];
