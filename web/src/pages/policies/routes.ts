import type { ConsoleRoute } from '../../routes.js';

/** The pages of the `policies` part of the console (strings in `i18n/sections/policies.{en,zh}.json`). */
export const POLICY_ROUTES: readonly ConsoleRoute[] = [];
