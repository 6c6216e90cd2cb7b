import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import Type from 'typebox';
import { EventTypeUnknown } from '../errors.js';
import { principalOf } from '../principal.js';
import { EVENT_TYPE_PATTERN } from './envelope.js';
import type { EventTypes } from './event-types.js';
import { type EventTypeService, eventTypeView } from './service.js';

const EventType = Type.Object(
  {
    name: Type.String(),
    title: Type.Object({ en: Type.String(), zh: Type.String() }, { additionalProperties: false }),
    builtin: Type.Boolean(),
    version: Type.Integer(),
    schema: Type.Record(Type.String(), Type.Unknown(), { description: 'JSON Schema of `data`' }),
  },
  { additionalProperties: false },
);
const NameParams = Type.Object({ name: Type.String({ pattern: EVENT_TYPE_PATTERN }) });
const tags = ['event types'];

/** `/api/v1/event-types…`: the published schemas of built-in and custom event types. */
export const eventTypeRoutes: FastifyPluginAsyncTypebox<{
  deps: { types: EventTypes; eventTypes: EventTypeService };
}> = async (app, { deps }) => {
  app.get(
    '/event-types',
    {
      config: { permission: 'decision:read' },
      schema: {
        tags,
        summary: 'Event types and the schema of their data / 事件类型及其数据结构',
        response: { 200: Type.Object({ items: Type.Array(EventType) }) },
      },
    },
    async () => ({ items: deps.types.list().map(eventTypeView) }),
  );

  app.get(
    '/event-types/:name',
    {
      config: { permission: 'decision:read' },
      schema: {
        tags,
        summary: 'One event type / 事件类型详情',
        params: NameParams,
        response: { 200: EventType },
      },
    },
    async (request) => {
      const t = deps.types.get(request.params.name);
      if (!t) throw EventTypeUnknown(`${request.params.name} is not a declared event type`);
      return eventTypeView(t);
    },
  );

  app.put(
    '/event-types/:name',
    {
      config: { permission: 'policy:write' },
      schema: {
        tags,
        summary: 'Declare or update a custom event type / 声明或更新自定义事件类型',
        params: NameParams,
        body: Type.Object(
          {
            title: Type.Object(
              {
                en: Type.String({ minLength: 1, maxLength: 200 }),
                zh: Type.String({ minLength: 1, maxLength: 200 }),
              },
              { additionalProperties: false },
            ),
            schema: Type.Record(Type.String(), Type.Unknown()),
          },
          { additionalProperties: false },
        ),
        response: { 200: EventType },
      },
    },
    async (request) =>
      deps.eventTypes.put(
        principalOf(request).actor,
        request.params.name,
        request.body.title,
        request.body.schema,
      ),
  );
};
