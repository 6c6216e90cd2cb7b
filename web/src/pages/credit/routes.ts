import type { ConsoleRoute } from '../../routes.js';

/** The pages of the `credit` part of the console (strings in `i18n/sections/credit.{en,zh}.json`). */
export const CREDIT_ROUTES: readonly ConsoleRoute[] = [];
