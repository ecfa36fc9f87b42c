import { z } from 'zod';
import {
  characters,
  entityMetadata,
  extraClassnames,
  id,
  limitedMessageContentSchema,
  line,
  locationSchema,
  name,
  reaction,
  text,
  threadId,
  translationKey,
  url,
} from './fields.ts';
import { MAX_MESSAGES_MARKED_READ, MAX_PAGE_SIZE } from './limits.ts';

// Every frame a browser sends is parsed with these schemas; anything else is refused
// before it reaches the store. The SDK turns Cord's JavaScript API calls into them.

export const helloSchema = z.union([
  z.object({ type: z.literal('hello'), token: characters(16_384) }),
  z.object({ type: z.literal('hello'), session: characters(200) }),
]);

const pageSize = z.number().int().min(1).max(MAX_PAGE_SIZE);
const queryId = line(100).min(1);
const reactions = z.array(reaction).max(50);
/** A message's page annotation (views.ts AnnotationData): an anchor local Cord's SDK made, and the selected text. */
const annotation = z.strictObject({ locationData: text(4000).nullable(), textContent: text(4000).nullable() });
/** Cord's `{ type: 'file', id }`, naming a file uploaded before. */
const fileAttachment = z.strictObject({ type: z.literal('file'), id });
const fileAttachments = z.array(fileAttachment).max(100);

/** Cord's ClientThreadFilter, with the location always in its `{ value, partialMatch }` form. */
export const threadFilterSchema = z.strictObject({
  location: z.strictObject({ value: locationSchema, partialMatch: z.boolean() }).optional(),
  metadata: entityMetadata.optional(),
  resolvedStatus: z.enum(['any', 'resolved', 'unresolved']).default('any'),
  viewer: z
    .array(z.enum(['subscribed', 'mentioned']))
    .max(2)
    .default([]),
});
export type ThreadFilter = z.output<typeof threadFilterSchema>;

export const threadSortSchema = z.strictObject({
  sortBy: z.enum(['first_message_timestamp', 'most_recent_message_timestamp']).default('first_message_timestamp'),
  sortDirection: z.enum(['ascending', 'descending']).default('descending'),
});
export type ThreadSort = z.output<typeof threadSortSchema>;

/** Cord's NotificationListFilter, with the location in its `{ value, partialMatch }` form. */
export const notificationFilterSchema = z.strictObject({
  metadata: entityMetadata.optional(),
  location: z.strictObject({ value: locationSchema, partialMatch: z.boolean() }).optional(),
  groupId: id.optional(),
  /** Not Cord's: one notification by id, which is how `<cord-notification>` observes its own. */
  notificationId: id.optional(),
});
export type NotificationFilter = z.output<typeof notificationFilterSchema>;

/** What a new thread needs (Cord's ClientCreateThread without its id). */
export const newThreadFields = z.strictObject({
  name,
  url,
  location: locationSchema,
  groupId: id.optional(),
  metadata: entityMetadata.optional(),
  extraClassnames: extraClassnames.nullable().optional(),
  addSubscribers: z.array(id).max(100).optional(),
});

const request = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), id: line(100).min(1), ...shape });

export const requestSchema = z.discriminatedUnion('type', [
  // Observing: each answers with the data now and keeps the connection told of changes.
  request('thread.observe', { threadId: id, groupId: id.optional(), messageCount: pageSize.optional() }),
  request('thread.unobserve', { threadId: id }),
  request('thread.olderMessages', { threadId: id, beforeMessageId: id, count: pageSize }),
  request('threads.observe', {
    queryId,
    groupId: id.optional(),
    filter: threadFilterSchema,
    sort: threadSortSchema,
    count: pageSize,
  }),
  request('threads.more', { queryId, count: pageSize }),
  request('threads.unobserve', { queryId }),
  request('threadCounts.observe', { queryId, groupId: id.optional(), filter: threadFilterSchema }),
  request('threadCounts.unobserve', { queryId }),
  request('message.observe', { messageId: id }),
  request('message.unobserve', { messageId: id }),
  request('users.observe', { userIds: z.array(id).min(1).max(MAX_PAGE_SIZE) }),
  request('groupMembers.observe', { queryId, groupId: id, count: pageSize }),
  request('groupMembers.more', { queryId, count: pageSize }),
  request('groupMembers.unobserve', { queryId }),
  // One-off reads.
  request('viewer.setNotificationPreferences', {
    sendViaSlack: z.boolean().optional(),
    sendViaEmail: z.boolean().optional(),
  }),
  request('users.search', {
    groupId: id,
    searchQuery: text(200).optional(),
    sortLocation: locationSchema.optional(),
    sortDirection: z.enum(['ascending', 'descending']).default('descending'),
  }),
  request('messages.search', {
    textToMatch: text(1000).optional(),
    authorId: id.optional(),
    groupId: id.optional(),
    metadata: entityMetadata.optional(),
    location: z.strictObject({ value: locationSchema, partialMatch: z.boolean() }).optional(),
    from: z.number().optional(),
    to: z.number().optional(),
    limit: pageSize.default(50),
    sortBy: z.enum(['created_timestamp', 'relevance']).optional(),
    sortDirection: z.enum(['ascending', 'descending']).default('descending'),
  }),
  // Writes.
  request('thread.create', { threadId: threadId.optional(), ...newThreadFields.shape }),
  request('thread.update', {
    threadId: id,
    name: name.optional(),
    url: url.optional(),
    metadata: entityMetadata.optional(),
    resolved: z.boolean().optional(),
    extraClassnames: extraClassnames.nullable().optional(),
    typing: z.boolean().optional(),
  }),
  request('thread.setSeen', {
    threadId: id.optional(),
    groupId: id.optional(),
    filter: threadFilterSchema.optional(),
    seen: z.boolean(),
  }),
  request('thread.setSubscribed', { threadId: id, subscribed: z.boolean() }),
  /** Cord's "Share via email": the thread to an address (local Cord puts the e-mail in its Outbox). */
  request('thread.shareToEmail', { threadId: id, email: z.string().max(320) }),
  request('message.send', {
    threadId: id,
    messageId: id.optional(),
    content: limitedMessageContentSchema,
    url: url.nullable().optional(),
    iconURL: url.nullable().optional(),
    translationKey: translationKey.nullable().optional(),
    metadata: entityMetadata.optional(),
    extraClassnames: extraClassnames.nullable().optional(),
    skipLinkPreviews: z.boolean().optional(),
    addReactions: reactions.optional(),
    subscribeToThread: z.boolean().default(true),
    createThread: newThreadFields.optional(),
    annotation: annotation.optional(),
    addAttachments: fileAttachments.optional(),
  }),
  request('message.update', {
    messageId: id,
    /** The deprecated three-argument form names the thread too; it must hold the message. */
    threadId: id.optional(),
    content: limitedMessageContentSchema.optional(),
    url: url.nullable().optional(),
    iconURL: url.nullable().optional(),
    translationKey: translationKey.nullable().optional(),
    metadata: entityMetadata.optional(),
    extraClassnames: extraClassnames.nullable().optional(),
    skipLinkPreviews: z.boolean().optional(),
    deleted: z.boolean().optional(),
    addReactions: reactions.optional(),
    removeReactions: reactions.optional(),
    addAttachments: fileAttachments.optional(),
    /** Link previews are never made by local Cord, so removing one changes nothing. */
    removeAttachments: z
      .array(z.strictObject({ type: z.enum(['file', 'link_preview']), id }))
      .max(100)
      .optional(),
  }),
  /** Cord's first step of an upload: the file's record, before its bytes arrive over HTTP. */
  request('file.create', {
    fileId: z.uuid(),
    name: line(1000).min(1),
    mimeType: line(255),
    size: z.number().int().min(0),
  }),
  request('notifications.observe', { queryId, filter: notificationFilterSchema, count: pageSize }),
  request('notifications.more', { queryId, count: pageSize }),
  request('notifications.unobserve', { queryId }),
  request('notificationCounts.observe', { queryId, filter: notificationFilterSchema }),
  request('notificationCounts.unobserve', { queryId }),
  request('notification.setRead', { notificationId: id, read: z.boolean() }),
  request('notification.delete', { notificationId: id }),
  request('notifications.markAllRead', { filter: notificationFilterSchema }),
  request('notifications.markReadAbout', { messageIds: z.array(id).min(1).max(MAX_MESSAGES_MARKED_READ) }),
  request('presence.watch', {
    watchId: id,
    location: locationSchema,
    groupId: id.optional(),
    /** Only users at exactly this location (Cord's presence facepile `exact-match`), not below it. */
    exactMatch: z.boolean().optional(),
  }),
  request('presence.unwatch', { watchId: id }),
  /** The viewer is (or is no longer) at a location, as long as their connection says so. */
  request('presence.set', {
    location: locationSchema,
    present: z.boolean(),
    /** Leaving (by saying so, or by the connection closing) also writes "last seen here". */
    durable: z.boolean(),
    groupId: id.optional(),
    /** Cord's `exclusive_within`: arriving here leaves the user's other places within this region. */
    exclusiveWithin: locationSchema.optional(),
  }),
  /** Cord's durable presence alone: "last seen here" is now; whether the viewer is present is left as it is. */
  request('presence.markSeen', { location: locationSchema, groupId: id.optional() }),
]);

export type Hello = z.infer<typeof helloSchema>;
export type Request = z.infer<typeof requestSchema>;
export type RequestOf<T extends Request['type']> = Extract<Request, { type: T }>;
type RequestInput = z.input<typeof requestSchema>;
/** What the SDK sends: a request as its schema takes it (defaults may be left out), without the id the connection adds. */
export type RequestBody = RequestInput extends infer R ? (R extends RequestInput ? Omit<R, 'id'> : never) : never;
