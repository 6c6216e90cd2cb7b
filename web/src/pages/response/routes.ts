import type { ConsoleRoute } from '../../routes.js';

/** The pages of the `response` part of the console (strings in `i18n/sections/response.{en,zh}.json`). */
export const RESPONSE_ROUTES: readonly ConsoleRoute[] = [];
