/**
 * Four-eyes approvals: the public surface other modules and the composition root use. A module that
 * wants a second person on one of its actions exports a `ChangeKind` (see `registry.ts`); the
 * composition root registers it in the `ChangeRegistry` it gives the `ChangeService`.
 */
import type { FastifyPluginAsync } from 'fastify';
import { type ChangeRouteDeps, changeRoutes } from './routes.js';

export type { Decision } from './decide.js';
export * from './errors.js';
export type { ApprovedChange, Change, ChangeKind, ChangeStatus, ChangeTarget } from './registry.js';
export { CHANGE_STATUSES, ChangeRegistry } from './registry.js';
export type { ChangeQuery } from './repo.js';
export type { RoleDirectory, RoleGrant, RoleHolder } from './role-grant.js';
export { roleFingerprint, roleGrantKind } from './role-grant.js';
export type { ChangeCaller } from './rules.js';
export type { ChangeServiceDeps, ChangeView, SubmitInput } from './service.js';
export { ChangeService, DEFAULT_CHANGE_TTL_MS } from './service.js';
export type { SettingChange, SettingChangeOptions } from './setting-change.js';
export { settingChangeKind, settingFingerprint } from './setting-change.js';

/** The module's HTTP surface: `/changes…` under the prefix it is registered with (`/api/v1`). */
export const changesPlugin: FastifyPluginAsync<{ deps: ChangeRouteDeps }> = async (app, opts) => {
  await app.register(changeRoutes, { deps: opts.deps });
};
export { Change as ChangeSchema } from './schemas.js';
