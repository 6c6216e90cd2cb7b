import { lazy } from 'react';
import type { ConsoleRoute } from '../../routes.js';

/** The pages of the `policies` part of the console (strings in `i18n/sections/policies.{en,zh}.json`). */
export const POLICY_ROUTES: readonly ConsoleRoute[] = [
  {
    path: '/policies',
    section: 'engine',
    titleKey: 'policies.nav',
    permission: 'policy:read',
    nav: true,
    component: lazy(() => import('./policies-page.js')),
  },
  {
    path: '/policies/new',
    section: 'engine',
    titleKey: 'policies.editor.newTitle',
    permission: 'policy:write',
    nav: false,
    component: lazy(() => import('./policy-editor-page.js')),
  },
  {
    path: '/policies/:id',
    section: 'engine',
    titleKey: 'policies.detail.title',
    permission: 'policy:read',
    nav: false,
    component: lazy(() => import('./policy-page.js')),
  },
  {
    path: '/policies/:id/edit',
    section: 'engine',
    titleKey: 'policies.editor.title',
    permission: 'policy:write',
    nav: false,
    component: lazy(() => import('./policy-editor-page.js')),
  },
  {
    path: '/lists',
    section: 'engine',
    titleKey: 'policies.lists.nav',
    permission: 'list:read',
    nav: true,
    component: lazy(() => import('./lists-page.js')),
  },
  {
    path: '/lists/:name',
    section: 'engine',
    titleKey: 'policies.lists.detailTitle',
    permission: 'list:read',
    nav: false,
    component: lazy(() => import('./list-page.js')),
  },
];
