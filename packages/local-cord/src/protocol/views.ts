// What local Cord sends to browsers: Cord's client data shapes (ClientUserData,
// ClientMessageData, ThreadSummary, ...) as JSON, with times as epoch milliseconds. The
// SDK turns the times into Dates. Types only: the SDK bundle carries no validator.
import type { MessageContent } from './content.ts';
import type { FileUploadStatus } from './files.ts';
import type { CordLocation } from './location.ts';

/** Cord's metadata: a flat object of strings, numbers and booleans. */
export type EntityMetadata = Record<string, string | number | boolean>;

/** Cord's ClientUserData. */
export interface UserData {
  id: string;
  name: string | null;
  shortName: string | null;
  /** What Cord shows for the user: short name, else name, else the e-mail's local part. */
  displayName: string;
  /** The other name, for subtitles: name, else short name. */
  secondaryDisplayName: string;
  profilePictureURL: string | null;
  metadata: EntityMetadata;
}

/** Cord's ViewerUserData: the signed-in user and where they write by default. */
export interface ViewerData extends UserData {
  /** The group the token named; null when it named none. */
  groupID: string | null;
  /** Every group the viewer is in. */
  groups: string[];
  /** Cord's one preference: where the viewer's notifications would be sent. */
  notificationPreferences: NotificationChannels;
}

/** Cord's `notification_channels` preference: where a user is told of Cord activity. */
export interface NotificationChannels {
  sendViaSlack: boolean;
  sendViaEmail: boolean;
}

export interface ReactionData {
  reaction: string;
  userID: string;
  timestamp: number;
}

/**
 * Where on a page a message points (Cord's annotation attachment, as local Cord keeps it):
 * `locationData` is the opaque anchor `CordSDK.annotation.stringToViewportCoordinates`
 * reads back, `textContent` the text that was selected, if any.
 */
export interface AnnotationData {
  locationData: string | null;
  textContent: string | null;
}

/**
 * Cord's MessageFileAttachment. `url` is local Cord's signed link to the file, which
 * expires after a day and serves only members of the thread's group.
 */
export interface FileAttachmentData {
  type: 'file';
  id: string;
  name: string;
  url: string;
  mimeType: string;
  size: number;
  uploadStatus: FileUploadStatus;
}

/** Cord's ClientMessageData. */
export interface MessageData {
  id: string;
  authorID: string;
  groupID: string;
  threadID: string;
  content: MessageContent;
  plaintext: string;
  url: string | null;
  createdTimestamp: number;
  /** Set while the message is deleted (a tombstone: no content, no reactions). */
  deletedTimestamp: number | null;
  /** When the content last changed. */
  updatedTimestamp: number | null;
  iconURL: string | null;
  translationKey: string | null;
  type: 'action_message' | 'user_message';
  metadata: EntityMetadata;
  extraClassnames: string | null;
  reactions: ReactionData[];
  /** Files, in the order they were attached; none while the message is deleted. */
  attachments: FileAttachmentData[];
  /** Who has seen the message: the author, and participants whose last look came after it. */
  seenBy: string[];
  skipLinkPreviews: boolean;
  /** The page spot a floating thread's first message points at; null for most messages. */
  annotation: AnnotationData | null;
  /** Whether the viewer has seen it (their own messages always). */
  seen: boolean;
}

export interface ThreadParticipantData {
  userID: string;
  displayName: string;
  lastSeenTimestamp: number | null;
}

/** Cord's ThreadSummary, as the viewer sees it. */
export interface ThreadData {
  id: string;
  groupID: string;
  /** Messages, deleted ones left out. */
  total: number;
  userMessages: number;
  actionMessages: number;
  deletedMessages: number;
  resolved: boolean;
  resolvedTimestamp: number | null;
  participants: ThreadParticipantData[];
  subscribers: string[];
  /** Who replied: authors of user messages after the first. */
  repliers: string[];
  mentioned: string[];
  actionMessageRepliers: string[];
  /** Who is typing now, the viewer left out. */
  typing: string[];
  name: string;
  url: string;
  location: CordLocation;
  metadata: EntityMetadata;
  extraClassnames: string | null;
  /** Messages by others the viewer has not seen. */
  unread: number;
  viewerIsThreadParticipant: boolean;
  firstMessage: MessageData | null;
  lastMessage: MessageData | null;
}

/** Cord's ThreadActivitySummary ("thread counts"). */
export interface ThreadCountsData {
  total: number;
  unread: number;
  unreadSubscribed: number;
  new: number;
  resolved: number;
  empty: number;
}

/** Presence at a location, as watchers see it. */
export interface PresenceView {
  user: UserData;
  present: boolean;
  lastSeen: number | null;
  /** Where the user is present now, of the locations the watch takes in (Cord's `ephemeral.locations`). */
  locations: CordLocation[];
}

/** A piece of a notification's header: text (bold or not), or a user shown by name. */
export type NotificationHeaderNode =
  | { type: 'text'; text: string; bold: boolean }
  | { type: 'user'; userID: string; user: UserData };

/** Cord's CoreNotificationData, as its recipient sees it. */
export interface NotificationData {
  /** For rows shown as one (reactions to a message), the newest row's id. */
  id: string;
  /** Who caused it, newest first. */
  senderUserIDs: string[];
  iconUrl: string | null;
  /** The header in English; `headerTranslation` says the same through Cord's strings. */
  header: NotificationHeaderNode[];
  headerTranslation: {
    key: string;
    parameters: Record<string, string | number | boolean | UserData | UserData[]>;
  } | null;
  attachment:
    | { type: 'message'; messageID: string; threadID: string; message: MessageData }
    | { type: 'thread'; thread: ThreadData }
    | { type: 'url'; url: string }
    | null;
  readStatus: 'unread' | 'read';
  timestamp: number;
  extraClassnames: string | null;
  metadata: EntityMetadata;
  /** Where clicking it goes: its thread's page, or a REST notification's url. Local Cord's; apps never see it. */
  destination: NotificationDestination;
}

export interface NotificationDestination {
  url: string;
  threadID: string | null;
  groupID: string | null;
  location: CordLocation | null;
}
