// What local Cord sends to browsers. Types only: the SDK bundle carries no validator.
import type { NamedUser } from './userNames.ts';

export interface UserView extends NamedUser {
  profilePictureURL: string | null;
}

export interface ReactionView {
  emoji: string;
  userIds: string[];
}

export interface MessageView {
  id: string;
  threadId: string;
  author: UserView;
  text: string;
  createdAt: number;
  editedAt: number | null;
  deletedAt: number | null;
  reactions: ReactionView[];
}

export interface ThreadView {
  id: string;
  groupId: string;
  name: string;
  resolvedAt: number | null;
  messages: MessageView[];
  /** Who is typing in the thread now. */
  typing: UserView[];
}

export interface PresenceView {
  user: UserView;
  present: boolean;
  lastSeen: number | null;
}

export interface ViewerView {
  user: UserView;
  groupId: string | null;
}

export type ErrorCode =
  | 'invalid_session'
  | 'invalid_request'
  | 'not_found'
  | 'forbidden'
  | 'thread_in_other_group'
  | 'message_too_long'
  | 'rate_limited';

export interface ErrorView {
  code: ErrorCode;
  message: string;
}

export type ServerEvent =
  | { type: 'welcome'; session: string; viewer: ViewerView }
  | { type: 'error'; error: ErrorView }
  | { type: 'ack'; id: string; result: unknown }
  | { type: 'ack'; id: string; error: ErrorView }
  | { type: 'message'; message: MessageView }
  | { type: 'thread'; threadId: string; resolvedAt: number | null; typing: UserView[] }
  | { type: 'presence'; watchId: string; users: PresenceView[] };
