import { z } from 'zod';
import { id, locationSchema, messageText, threadId } from './fields.ts';

// Every frame a browser sends is parsed with these schemas; anything else is refused
// before it reaches the store.

export const helloSchema = z.union([
  z.object({ type: z.literal('hello'), token: z.string().max(16_384) }),
  z.object({ type: z.literal('hello'), session: z.string().max(200) }),
]);

const request = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), id: z.string().min(1).max(100), ...shape });

export const requestSchema = z.discriminatedUnion('type', [
  request('thread.open', { threadId, groupId: id.optional() }),
  request('thread.close', { threadId }),
  request('message.send', {
    threadId,
    messageId: id,
    text: messageText,
    groupId: id.optional(),
    threadName: z.string().max(1000),
    url: z.string().max(4000),
    location: locationSchema,
  }),
  request('message.edit', { messageId: id, text: messageText }),
  request('message.delete', { messageId: id, deleted: z.boolean() }),
  request('reaction.set', { messageId: id, emoji: z.string().min(1).max(32), on: z.boolean() }),
  request('thread.resolve', { threadId, resolved: z.boolean() }),
  request('typing', { threadId, typing: z.boolean() }),
  request('presence.watch', { watchId: id, location: locationSchema, groupId: id.optional() }),
  request('presence.unwatch', { watchId: id }),
  request('presence.set', {
    location: locationSchema,
    present: z.boolean(),
    durable: z.boolean(),
    groupId: id.optional(),
  }),
]);

export type Hello = z.infer<typeof helloSchema>;
export type Request = z.infer<typeof requestSchema>;
export type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>;
/** What the SDK sends: a request without the id the connection adds. */
export type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;
