import { Files } from './files.ts';
import { Groups } from './groups.ts';
import { Messages } from './messages.ts';
import { Notifications } from './notifications.ts';
import { Participants } from './participants.ts';
import { Preferences } from './preferences.ts';
import { Presence } from './presence.ts';
import { Projects } from './projects.ts';
import { Sessions } from './sessions.ts';
import { IN_MEMORY, Sqlite } from './sqlite.ts';
import { Threads } from './threads.ts';
import { Users } from './users.ts';

export type { AttachedFile, FileRecord, NewFile } from './files.ts';
export type { GroupDetails, GroupRecord, ListedGroup } from './groups.ts';
export type { MessageChanges, MessageRecord, MessageType, NewMessage, ReactionRecord } from './messages.ts';
export type {
  NewNotification,
  NotificationPlace,
  NotificationRecord,
  NotificationSubject,
  NotificationType,
  PlacedNotification,
} from './notifications.ts';
export type { ParticipantRecord } from './participants.ts';
export { DEFAULT_NOTIFICATION_CHANNELS, type NotificationChannels } from './preferences.ts';
export type { PresencePlace, PresenceRecord } from './presence.ts';
export { DEFAULT_EMAIL_SETTINGS, type EmailSettings, type ProjectChanges, type ProjectRecord } from './projects.ts';
export type { SessionRecord } from './sessions.ts';
export { IN_MEMORY } from './sqlite.ts';
export type { ListedThread, NewThread, ThreadChanges, ThreadRecord, ThreadStats } from './threads.ts';
export type { ListedUser, PageQuery, UserDetails, UserProfile, UserRecord } from './users.ts';
export { DatabaseInUseError, type DatabaseWriter } from './writerLock.ts';

const TABLES = [
  'notification_preferences',
  'notifications',
  'presence',
  'message_attachments',
  'files',
  'message_mentions',
  'reactions',
  'thread_participants',
  'messages',
  'threads',
  'sessions',
  'group_members',
  'groups',
  'users',
];

/**
 * Local Cord's data in one SQLite database, one part per entity. Every method runs
 * synchronously and has committed when it returns (or when the transaction around it
 * has), so a caller that acknowledges afterwards never acknowledges a write that could
 * be lost.
 */
export class Store {
  private readonly sql: Sqlite;
  readonly users: Users;
  readonly groups: Groups;
  readonly sessions: Sessions;
  readonly threads: Threads;
  readonly messages: Messages;
  readonly participants: Participants;
  readonly presence: Presence;
  readonly preferences: Preferences;
  readonly files: Files;
  readonly notifications: Notifications;
  readonly projects: Projects;

  constructor(path: string) {
    this.sql = new Sqlite(path);
    this.files = new Files(this.sql, path === IN_MEMORY ? undefined : path);
    this.users = new Users(this.sql);
    this.groups = new Groups(this.sql);
    this.sessions = new Sessions(this.sql);
    this.threads = new Threads(this.sql);
    this.messages = new Messages(this.sql, this.files);
    this.participants = new Participants(this.sql);
    this.presence = new Presence(this.sql);
    this.preferences = new Preferences(this.sql);
    this.notifications = new Notifications(this.sql);
    this.projects = new Projects(this.sql);
  }

  close() {
    this.sql.close();
    this.files.close();
  }

  /** Where the local Cord writing this store listens: a second one started on the file is told. */
  announceWriter(url: string) {
    this.sql.announceWriter(url);
  }

  transaction<T>(work: () => T): T {
    return this.sql.transaction(work);
  }

  /** Calls `listener` after every committed write that changed something; returns how to stop. */
  onWrite(listener: () => void): () => void {
    return this.sql.onWrite(listener);
  }

  /** Deletes every row, keeping the schema. */
  reset() {
    this.transaction(() => {
      for (const table of TABLES) this.sql.run(`DELETE FROM ${table}`);
    });
    this.files.clear();
  }

  /** Rows per table. */
  counts(): Record<string, number> {
    return Object.fromEntries(TABLES.map((table) => [table, Number(this.sql.value(`SELECT count(*) FROM ${table}`))]));
  }

  integrityCheck(): string {
    return String(this.sql.value('PRAGMA integrity_check'));
  }
}
