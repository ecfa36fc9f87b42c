// What local Cord sends to its inspector page (GET /inspector/state). Types only.
import type { CordLocation } from './location.ts';

export interface InspectorUser {
  id: string;
  name: string | null;
  shortName: string | null;
  email: string | null;
  status: string;
  /** The first of the user's groups; `groupCount` counts them all. */
  groupIds: string[];
  groupCount: number;
}

export interface InspectorGroup {
  id: string;
  name: string;
  status: string;
  /** The first of the group's members; `memberCount` counts them all. */
  memberIds: string[];
  memberCount: number;
}

export interface InspectorThread {
  id: string;
  groupId: string;
  name: string;
  url: string;
  resolvedAt: number | null;
  /** The most recent messages, oldest first. */
  messages: InspectorMessage[];
  /** Older messages left out of `messages`. */
  earlierMessages: number;
}

export interface InspectorMessage {
  id: string;
  authorName: string;
  type: 'user_message' | 'action_message';
  plaintext: string;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  reactions: Array<{ emoji: string; count: number }>;
}

export interface InspectorPresence {
  userId: string;
  userName: string;
  groupId: string;
  location: CordLocation;
  present: boolean;
  lastSeen: number | null;
}

/** One attempt to sign in over the WebSocket, as the server judged it. */
export interface SignInRecord {
  at: number;
  /** What the browser signed in with: a client auth token, a session, or nothing usable. */
  credential: 'token' | 'session' | 'none';
  /** The token's algorithm and decoded payload; never the token or a session id. */
  algorithm: string | null;
  claims: Record<string, unknown> | null;
  accepted: boolean;
  /** Who was signed in, when accepted. */
  userId: string | null;
  /** Cord's text for the refusal, e.g. `invalid_session - TokenExpiredError: jwt expired`. */
  reason: string | null;
}

/** An e-mail Cord would have sent about a notification; local Cord sends nothing and keeps it here. */
export interface OutboxEntry {
  id: string;
  channel: 'email';
  /** `Name <address>` */
  to: string;
  subject: string;
  text: string;
  /** Where the e-mail's button leads: the message's or the thread's page. */
  link: string;
  createdAt: number;
  /** Cord waits this long before sending, and skips the e-mail if the recipient saw the message by then. */
  dueAt: number;
  status: 'waiting' | 'would send' | 'skipped';
  /** Why it was skipped. */
  reason: string | null;
}

/** One try to deliver a webhook event, and what the receiver answered. */
export interface WebhookAttempt {
  at: number;
  /** The HTTP status; null when no answer came (refused, timed out). */
  status: number | null;
  /** The start of the answer's body, or what went wrong. */
  answer: string;
}

/** A webhook event and its delivery, with every attempt. */
export interface WebhookDelivery {
  id: string;
  type: string;
  url: string;
  createdAt: number;
  state: 'sending' | 'delivered' | 'retrying' | 'failed';
  attempts: WebhookAttempt[];
  /** When the next try is due, while retrying. */
  nextAttemptAt: number | null;
}

/** How many there are of what the inspector lists a page of. */
export interface InspectorCounts {
  users: number;
  groups: number;
  threads: number;
  messages: number;
}

/**
 * The inspector's view of local Cord: the counts, and the first page of each list (the
 * newest, or those matching `search`), so it costs the same with 10 users or 10,000.
 */
export interface InspectorState {
  projectId: string;
  connections: number;
  /** What users, groups and threads were searched for ('' for none). */
  search: string;
  counts: InspectorCounts;
  /** Newest first. */
  users: InspectorUser[];
  /** Newest first. */
  groups: InspectorGroup[];
  /** Most recently active first. */
  threads: InspectorThread[];
  /** The latest first. */
  presence: InspectorPresence[];
  /** Newest first. */
  signIns: SignInRecord[];
  /** Newest first. */
  outbox: OutboxEntry[];
  /** Where webhook events go (null: nowhere), and the deliveries, newest first. */
  webhookUrl: string | null;
  webhooks: WebhookDelivery[];
}
