import { z } from 'zod';
import { invalidContentMessage, isMessageContent, type MessageContent, plaintextOf } from './content.ts';
import { MAX_LOCATION_KEYS, MAX_LOCATION_LENGTH, MAX_MESSAGE_LENGTH } from './limits.ts';
import { locationKey } from './location.ts';

// The fields browsers, tokens and the REST API send, each checked by one schema here.

/** Ids of local Cord's own objects (threads, messages, ...) as browsers send them. */
export const id = z.string().min(1).max(320);
export const threadId = id.refine((value) => !value.startsWith('cord:'), {
  message: 'thread ids may not start with "cord:"',
});
/**
 * The id Cord's own composer gives a thread it starts (`cord:` and a new UUID: its form of an
 * id Cord made, not the app): the one `cord:` id a first message may create a thread under.
 */
export const composerThreadId = z.templateLiteral(['cord:', z.uuid()]);

/** Cord's ids of users and groups: a string or a number, 1-128 characters; kept as strings. */
export const externalId = z.union([z.string().min(1).max(128), z.number()]);
export const externalIdString = externalId.transform(String);

export const messageText = z
  .string()
  .refine((value) => value.trim().length > 0, 'a message needs some text')
  .refine(
    (value) => value.length <= MAX_MESSAGE_LENGTH,
    `a message may be at most ${MAX_MESSAGE_LENGTH} characters long`,
  );

/** Cord's metadata on users and groups: a flat object of strings, numbers and booleans. */
export const entityMetadata = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** A user's profile, as token `user_details` and the REST API take it (null: unchanged). */
export const userDetails = z.object({
  name: z.string().nullish(),
  shortName: z.string().nullish(),
  short_name: z.string().nullish(),
  email: z.string().nullish(),
  profilePictureURL: z.string().nullish(),
  profile_picture_url: z.string().nullish(),
  status: z.enum(['active', 'deleted']).optional(),
  metadata: entityMetadata.optional(),
});

/** A group's details, as token `group_details` and the REST API take them. */
export const groupDetails = z.object({
  name: z.string().optional(),
  status: z.enum(['active', 'deleted']).optional(),
  metadata: entityMetadata.optional(),
});

/** A user's profile as the store keeps it: snake_case aliases folded in, null meaning unchanged. */
export function profileFromDetails(user: z.infer<typeof userDetails>) {
  return {
    name: user.name ?? undefined,
    shortName: user.shortName ?? user.short_name ?? undefined,
    // Cord treats an empty e-mail as none.
    email: user.email || undefined,
    profilePictureURL: user.profilePictureURL ?? user.profile_picture_url ?? undefined,
    status: user.status,
    metadata: user.metadata,
  };
}

/** A location as browsers and the REST API may send it. */
export const locationSchema = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean()]))
  .refine((value) => Object.keys(value).length <= MAX_LOCATION_KEYS, {
    error: `a location may have at most ${MAX_LOCATION_KEYS} keys`,
  })
  .refine((value) => [...locationKey(value)].length <= MAX_LOCATION_LENGTH, {
    error: `a location may be at most ${MAX_LOCATION_LENGTH} characters long as JSON`,
  });

/** Message content as Cord's server accepts it, refused with Cord's text. */
export const messageContentSchema = z.custom<MessageContent>(isMessageContent, {
  error: (issue) => invalidContentMessage(issue.input),
});

/** Marks the refusal of over-long content, which the WebSocket answers with an error code of its own. */
const MESSAGE_TOO_LONG = { messageTooLong: true } as const;

/** Content a message may hold: Cord's schema, and at most MAX_MESSAGE_LENGTH characters of text. */
export const limitedMessageContentSchema = messageContentSchema.refine(
  (content) => [...plaintextOf(content)].length <= MAX_MESSAGE_LENGTH,
  { message: `a message may be at most ${MAX_MESSAGE_LENGTH} characters long`, params: MESSAGE_TOO_LONG },
);

/** Whether a refusal is the one of content over MAX_MESSAGE_LENGTH. */
export function isMessageTooLong(issue: z.core.$ZodIssue | undefined): boolean {
  return issue?.code === 'custom' && issue.params?.messageTooLong === true;
}
