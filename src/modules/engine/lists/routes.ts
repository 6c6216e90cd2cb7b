/**
 * `/api/v1/lists`: block, allow and watch lists and their entries. Reading needs `list:read`,
 * changing needs `list:write`. A protected list refuses direct entry changes with
 * `FK_ERR_LIST_PROTECTED`; its changes are submitted with `POST /lists/{name}/changes` and applied
 * when another person approves them (`POST /changes/{id}/approve`, `change:approve`).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf } from '../principal.js';
import * as S from './schemas.js';
import type { ListService } from './service.js';

/** What the list routes need. */
export interface ListRouteDeps {
  readonly lists: { readonly service: ListService };
}

const tags = ['lists'];

/** The routes, registered under `/api/v1`. */
export const listRoutes: FastifyPluginAsyncTypebox<{ deps: ListRouteDeps }> = async (app, { deps }) => {
  const lists = deps.lists.service;
  const read = { permission: 'list:read' };
  const write = { permission: 'list:write' };

  app.get(
    '/lists',
    { config: read, schema: { tags, summary: 'Every list / 名单列表', response: { 200: S.ListList } } },
    async () => ({ items: await lists.list() }),
  );

  app.post(
    '/lists',
    {
      config: write,
      schema: { tags, summary: 'Create a list / 创建名单', body: S.CreateBody, response: { 201: S.List } },
    },
    async (request, reply) =>
      reply.code(201).send(await lists.create(request.body, principalOf(request).actor)),
  );

  app.get(
    '/lists/:name',
    {
      config: read,
      schema: { tags, summary: 'One list / 单个名单', params: S.NameParams, response: { 200: S.List } },
    },
    async (request) => lists.get(request.params.name),
  );

  app.patch(
    '/lists/:name',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change the description, or protect a list / 修改名单说明或开启保护',
        description:
          'Lifting the protection is refused here (FK_ERR_LIST_PROTECTED): submit a change with op unprotect.',
        params: S.NameParams,
        body: S.PatchBody,
        response: { 200: S.List },
      },
    },
    async (request) => lists.update(request.params.name, request.body, principalOf(request).actor),
  );

  app.delete(
    '/lists/:name',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a list and its entries / 删除名单及其条目',
        description: 'Refused for a protected list and while a change to the list awaits approval.',
        params: S.NameParams,
        response: { 200: S.Deleted },
      },
    },
    async (request) => lists.delete(request.params.name, principalOf(request).actor),
  );

  app.get(
    '/lists/:name/entries',
    {
      config: read,
      schema: {
        tags,
        summary: 'Page through entries, masked / 分页查看名单条目（脱敏）',
        params: S.NameParams,
        querystring: S.EntryQuery,
        response: { 200: S.EntryPage },
      },
    },
    async (request) => lists.entries(request.params.name, request.query),
  );

  app.post(
    '/lists/:name/entries',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add an entry (or update its reason and expiry) / 新增名单条目（或更新其原因与有效期）',
        params: S.NameParams,
        body: S.AddBody,
        response: { 201: S.Added },
      },
    },
    async (request, reply) => {
      const result = await lists.add(request.params.name, request.body, principalOf(request).actor);
      return reply.code(201).send(result);
    },
  );

  app.delete(
    '/lists/:name/entries/:value',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove an entry, saying why / 移除名单条目并说明原因',
        description:
          'The value in clear (hashed here for id_number, phone and bank_card) or the stored hash.',
        params: S.EntryParams,
        querystring: S.RemoveQuery,
        response: { 200: S.Entry },
      },
    },
    async (request) =>
      lists.remove(
        request.params.name,
        request.params.value,
        request.query.reason,
        principalOf(request).actor,
      ),
  );

  app.post(
    '/lists/:name/import',
    {
      config: write,
      schema: {
        tags,
        summary: 'Import a CSV file (value,reason,expires_at) / 导入 CSV 文件',
        description:
          'One transaction and one audit entry; every data row is reported as added, updated or refused.',
        params: S.NameParams,
        body: S.ImportBody,
        response: { 200: S.ImportReport },
      },
    },
    async (request) =>
      lists.import(
        request.params.name,
        request.body.csv,
        { reason: request.body.reason, source: request.body.source },
        principalOf(request).actor,
      ),
  );

  app.post(
    '/lists/:name/changes',
    {
      config: write,
      schema: {
        tags,
        summary: 'Submit a change for four-eyes approval / 提交名单变更以供双人复核',
        description:
          'op add, remove or import (entries or csv), or unprotect. Values are hashed before the change is stored; another person approves it with POST /changes/{id}/approve.',
        params: S.NameParams,
        body: S.ChangeBody,
        response: { 201: S.Change },
      },
    },
    async (request, reply) => {
      const change = await lists.submitChange(principalOf(request), request.params.name, request.body);
      return reply.code(201).send(change);
    },
  );
};
