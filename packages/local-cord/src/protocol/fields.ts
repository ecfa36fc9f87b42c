import { z } from 'zod';
import { invalidContentMessage, isMessageContent, type MessageContent, plaintextOf } from './content.ts';
import {
  MAX_CLASSNAMES_LENGTH,
  MAX_EMAIL_LENGTH,
  MAX_EXTERNAL_ID_LENGTH,
  MAX_ID_LENGTH,
  MAX_LOCATION_KEY_LENGTH,
  MAX_LOCATION_KEYS,
  MAX_LOCATION_LENGTH,
  MAX_LOCATION_VALUE_LENGTH,
  MAX_MESSAGE_LENGTH,
  MAX_METADATA_KEY_LENGTH,
  MAX_METADATA_KEYS,
  MAX_METADATA_VALUE_LENGTH,
  MAX_NAME_LENGTH,
  MAX_REACTION_LENGTH,
  MAX_TRANSLATION_KEY_LENGTH,
  MAX_URL_LENGTH,
} from './limits.ts';
import { locationKey } from './location.ts';

// The fields browsers, tokens and the REST API send, each checked by one schema here.
// Every string that is stored has a limit (limits.ts), counted in code points, and no
// control characters: SQLite reads a string only up to a NUL, so "m1\u0000x" would come
// back as "m1", another user's id. Only text (messages, metadata and location values)
// keeps tab, line feed and carriage return. Refusals read "must …", which the REST API
// words as Cord's validator did ("Input … for name must NOT have more than 1000 characters").

/** A string's length in characters: Unicode code points, so an emoji counts once. */
export function characterCount(value: string): number {
  let count = 0;
  for (const _ of value) count++;
  return count;
}

/** Unicode's control characters (Cc): U+0000 to U+001F and U+007F to U+009F. */
const CONTROL_CHARACTER = /\p{Cc}/u;
const CONTROL_CHARACTER_IN_TEXT = /(?![\t\n\r])\p{Cc}/u;
export const HAS_CONTROL_CHARACTERS = 'must not contain control characters (U+0000 to U+001F, U+007F to U+009F)';
export const HAS_CONTROL_CHARACTERS_IN_TEXT =
  'must not contain control characters other than tab, line feed and carriage return';

/** Whether a string holds a control character (a NUL, a line break, ...). */
export function hasControlCharacters(value: string): boolean {
  return CONTROL_CHARACTER.test(value);
}

/** A string of at most `max` characters. */
export const characters = (max: number) =>
  z.string().refine((value) => characterCount(value) <= max, `must NOT have more than ${max} characters`);

/** One line of at most `max` characters, no control characters: ids, names, e-mails, URLs, keys. */
export const line = (max: number) =>
  characters(max).refine((value) => !hasControlCharacters(value), HAS_CONTROL_CHARACTERS);

/** Text of at most `max` characters: no control characters but tab, line feed and carriage return. */
export const text = (max: number) =>
  characters(max).refine((value) => !CONTROL_CHARACTER_IN_TEXT.test(value), HAS_CONTROL_CHARACTERS_IN_TEXT);

/** Ids of local Cord's own objects (threads, messages, ...) as browsers send them. */
export const id = line(MAX_ID_LENGTH).min(1);
export const threadId = id.refine((value) => !value.startsWith('cord:'), {
  message: 'thread ids may not start with "cord:"',
});
/**
 * The id Cord's own composer gives a thread it starts (`cord:` and a new UUID: its form of an
 * id Cord made, not the app): the one `cord:` id a first message may create a thread under.
 */
export const composerThreadId = z.templateLiteral(['cord:', z.uuid()]);

/** A UUID in any version, as Cord's validator (validator.js's isUUID) takes it: project and customer ids. */
export const isUuid = (value: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);

/** Cord's ids of users and groups: a string or a number, 1-128 characters; kept as strings. */
export const externalId = z.union([line(MAX_EXTERNAL_ID_LENGTH).min(1), z.number()]);
export const externalIdString = externalId.transform(String);
/** A user's or group's id where Cord's REST API takes only a string. */
export const externalIdText = line(MAX_EXTERNAL_ID_LENGTH);

/** An emoji reaction. */
export const reaction = line(MAX_REACTION_LENGTH).min(1);
export const name = line(MAX_NAME_LENGTH);
/** Cord's `format: "email"`, which also takes an empty string (read as no e-mail). */
export const email = line(MAX_EMAIL_LENGTH).refine(
  (value) => value === '' || z.email().safeParse(value).success,
  'must match format "email"',
);
export const url = line(MAX_URL_LENGTH);
export const extraClassnames = line(MAX_CLASSNAMES_LENGTH);
export const translationKey = line(MAX_TRANSLATION_KEY_LENGTH);

export const messageText = text(MAX_MESSAGE_LENGTH).refine(
  (value) => value.trim().length > 0,
  'a message needs some text',
);

/** A flat object of strings, numbers and booleans, as Cord's metadata and locations are. */
function flatObject(maxKeys: number, maxKeyLength: number, maxValueLength: number) {
  return (
    z
      .record(z.string(), z.unknown())
      // Too many keys is refused before any value is looked at: a frame holds thousands.
      .refine((value) => Object.keys(value).length <= maxKeys, {
        message: `must NOT have more than ${maxKeys} properties`,
        abort: true,
      })
      .superRefine((value, context) => {
        // Keys are checked here rather than by the record, so the refusal names the key and says what is wrong.
        for (const key of Object.keys(value)) {
          const wrong =
            characterCount(key) > maxKeyLength
              ? `must NOT have more than ${maxKeyLength} characters`
              : hasControlCharacters(key)
                ? HAS_CONTROL_CHARACTERS
                : undefined;
          if (wrong) context.addIssue({ code: 'custom', path: [key], message: `key ${wrong}` });
        }
      })
      .pipe(z.record(z.string(), z.union([text(maxValueLength), z.number(), z.boolean()])))
  );
}

/** Cord's metadata on users, groups, threads and messages. */
export const entityMetadata = flatObject(MAX_METADATA_KEYS, MAX_METADATA_KEY_LENGTH, MAX_METADATA_VALUE_LENGTH);

/** Cord's `format: "uri"`: a scheme, then no whitespace (spaces must be encoded as %20). */
export const uri = url.refine(
  (value) => /^[a-z][a-z0-9+.-]*:\S*$/i.test(value) && URL.canParse(value),
  'must match format "uri"',
);

/** A user's profile, as token `user_details` and the REST API take it (null: unchanged). */
export const userDetails = z.object({
  name: name.nullish(),
  shortName: name.nullish(),
  short_name: name.nullish(),
  email: email.nullish(),
  profilePictureURL: uri.nullish(),
  profile_picture_url: uri.nullish(),
  status: z.enum(['active', 'deleted']).optional(),
  metadata: entityMetadata.optional(),
});

/** A group's details, as token `group_details` and the REST API take them. */
export const groupDetails = z.object({
  name: name.optional(),
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
export const locationSchema = flatObject(MAX_LOCATION_KEYS, MAX_LOCATION_KEY_LENGTH, MAX_LOCATION_VALUE_LENGTH).refine(
  (value) => characterCount(locationKey(value)) <= MAX_LOCATION_LENGTH,
  { error: `a location may be at most ${MAX_LOCATION_LENGTH} characters long as JSON` },
);

/** Message content as Cord's server accepts it, refused with Cord's text. */
export const messageContentSchema = z.custom<MessageContent>(isMessageContent, {
  error: (issue) => invalidContentMessage(issue.input),
});

/** Marks the refusal of over-long content, which the WebSocket answers with an error code of its own. */
const MESSAGE_TOO_LONG = { messageTooLong: true } as const;

/** Content a message may hold: Cord's schema, at most MAX_MESSAGE_LENGTH characters of text, no control characters. */
export const limitedMessageContentSchema = messageContentSchema
  .refine((content) => characterCount(plaintextOf(content)) <= MAX_MESSAGE_LENGTH, {
    message: `a message may be at most ${MAX_MESSAGE_LENGTH} characters long`,
    params: MESSAGE_TOO_LONG,
  })
  .refine((content) => !holdsControlCharacters(content), HAS_CONTROL_CHARACTERS_IN_TEXT);

/** Whether any string in a content tree (texts, link URLs, a custom node's fields) holds a control character. */
function holdsControlCharacters(value: unknown): boolean {
  if (typeof value === 'string') return CONTROL_CHARACTER_IN_TEXT.test(value);
  if (Array.isArray(value)) return value.some(holdsControlCharacters);
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).some(([key, inner]) => holdsControlCharacters(key) || holdsControlCharacters(inner));
  }
  return false;
}

/** Whether a refusal is the one of content over MAX_MESSAGE_LENGTH. */
export function isMessageTooLong(issue: z.core.$ZodIssue | undefined): boolean {
  return issue?.code === 'custom' && issue.params?.messageTooLong === true;
}
