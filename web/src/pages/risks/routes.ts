import type { ConsoleRoute } from '../../routes.js';

/** The pages of the `risks` part of the console (strings in `i18n/sections/risks.{en,zh}.json`). */
export const RISK_ROUTES: readonly ConsoleRoute[] = [];
