// What local Cord sends to its inspector page (GET /inspector/state). Types only.
import type { CordLocation } from './location.ts';

export interface InspectorUser {
  id: string;
  name: string | null;
  shortName: string | null;
  email: string | null;
  status: string;
  groupIds: string[];
}

export interface InspectorGroup {
  id: string;
  name: string;
  status: string;
  memberIds: string[];
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

export interface InspectorState {
  projectId: string;
  connections: number;
  users: InspectorUser[];
  groups: InspectorGroup[];
  threads: InspectorThread[];
  presence: InspectorPresence[];
  /** Newest first. */
  signIns: SignInRecord[];
}
