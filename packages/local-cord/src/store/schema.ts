import { contentFromText } from '../protocol/content.ts';

// The schema, as an append-only list of migrations. `PRAGMA user_version` records
// how many have run, so a database file from an older local Cord is brought up to date
// on start and never recreated. A migration is SQL, or a function for what SQL alone
// cannot do (turning old rows into new shapes); each runs in a transaction.

/** What a migration function may do with the database. */
export interface MigrationDatabase {
  rows(sql: string, ...params: unknown[]): Array<Record<string, unknown>>;
  run(sql: string, ...params: unknown[]): number;
}

export type Migration = string | ((db: MigrationDatabase) => void);

export const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    name TEXT,
    short_name TEXT,
    email TEXT,
    profile_picture_url TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    metadata TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE groups (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'active',
    metadata TEXT NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE TABLE group_members (
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    PRIMARY KEY (group_id, user_id)
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    group_id TEXT REFERENCES groups(id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL
  );
  CREATE TABLE threads (
    id TEXT PRIMARY KEY,
    group_id TEXT NOT NULL REFERENCES groups(id),
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    location TEXT NOT NULL,
    resolved_at INTEGER,
    resolved_by TEXT REFERENCES users(id),
    created_at INTEGER NOT NULL
  );
  CREATE TABLE messages (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    thread_id TEXT NOT NULL REFERENCES threads(id),
    author_id TEXT NOT NULL REFERENCES users(id),
    text TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at INTEGER,
    deleted_at INTEGER
  );
  CREATE INDEX messages_by_thread ON messages (thread_id, seq);
  CREATE TABLE reactions (
    message_id TEXT NOT NULL REFERENCES messages(id),
    user_id TEXT NOT NULL REFERENCES users(id),
    emoji TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (message_id, user_id, emoji)
  );
  CREATE TABLE presence (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    group_id TEXT NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    location TEXT NOT NULL,
    present_until INTEGER,
    last_seen INTEGER,
    PRIMARY KEY (user_id, group_id, location)
  );
  `,
  // 2: Cord's data model. Messages keep structured content (their plain text stays in
  // `text`, derived from it), threads and messages get metadata, and who takes part in a
  // thread (subscribed, last seen) and who a message mentions are recorded.
  (db) => {
    for (const statement of [
      'ALTER TABLE messages ADD COLUMN content TEXT',
      "ALTER TABLE messages ADD COLUMN type TEXT NOT NULL DEFAULT 'user_message'",
      "ALTER TABLE messages ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}'",
      'ALTER TABLE messages ADD COLUMN extra_classnames TEXT',
      'ALTER TABLE messages ADD COLUMN url TEXT',
      'ALTER TABLE messages ADD COLUMN icon_url TEXT',
      'ALTER TABLE messages ADD COLUMN translation_key TEXT',
      'ALTER TABLE messages ADD COLUMN skip_link_previews INTEGER NOT NULL DEFAULT 0',
      "ALTER TABLE threads ADD COLUMN metadata TEXT NOT NULL DEFAULT '{}'",
      'ALTER TABLE threads ADD COLUMN extra_classnames TEXT',
      `CREATE TABLE thread_participants (
         thread_id TEXT NOT NULL REFERENCES threads(id) ON DELETE CASCADE,
         user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
         subscribed INTEGER NOT NULL DEFAULT 0,
         last_seen_at INTEGER,
         PRIMARY KEY (thread_id, user_id)
       )`,
      'CREATE INDEX thread_participants_by_user ON thread_participants (user_id)',
      `CREATE TABLE message_mentions (
         message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
         user_id TEXT NOT NULL,
         PRIMARY KEY (message_id, user_id)
       )`,
      'CREATE INDEX message_mentions_by_user ON message_mentions (user_id)',
      'CREATE INDEX threads_by_group ON threads (group_id)',
    ]) {
      db.run(statement);
    }
    // A plain-text message becomes a paragraph per line: its plain text is unchanged.
    for (const row of db.rows('SELECT id, text FROM messages')) {
      db.run(
        'UPDATE messages SET content = ? WHERE id = ?',
        JSON.stringify(contentFromText(row.text as string)),
        row.id,
      );
    }
    // Authors took part in their threads: subscribed, and they had seen up to their last message.
    db.run(
      `INSERT INTO thread_participants (thread_id, user_id, subscribed, last_seen_at)
       SELECT thread_id, author_id, 1, max(created_at) FROM messages GROUP BY thread_id, author_id`,
    );
  },
  // 3: files uploaded for messages (their bytes on disk, next to the database) and which
  // message carries which, in the order they were attached.
  `
  CREATE TABLE files (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    mime_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    status TEXT NOT NULL,
    link_secret TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX files_uploading ON files (created_at) WHERE status = 'uploading';
  CREATE TABLE message_attachments (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
    file_id TEXT NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    UNIQUE (message_id, file_id)
  );
  CREATE INDEX message_attachments_by_file ON message_attachments (file_id);
  `,
  // 4: Notifications, one row each (rows Cord shows as one share an aggregation key). The
  // type-specific part is in `detail`: reply actions (JSON), the reaction, the thread
  // action, or a REST notification's header template.
  `
  CREATE TABLE notifications (
    id TEXT PRIMARY KEY,
    recipient_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    sender_id TEXT REFERENCES users(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    thread_id TEXT REFERENCES threads(id) ON DELETE CASCADE,
    message_id TEXT REFERENCES messages(id) ON DELETE CASCADE,
    detail TEXT NOT NULL,
    url TEXT,
    icon_url TEXT,
    metadata TEXT NOT NULL DEFAULT '{}',
    extra_classnames TEXT,
    aggregation_key TEXT NOT NULL,
    read INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX notifications_by_recipient ON notifications (recipient_id, created_at);
  CREATE INDEX notifications_by_message ON notifications (message_id);
  `,
  // 5: where on a page a message points: Cord's annotation attachment, as JSON (floating threads).
  'ALTER TABLE messages ADD COLUMN annotation TEXT',
  // 6: indexes for what the live API, the presence sweep and the inspector look up (every
  // query plan checked in test/queryPlans.test.ts): a user's groups, a group's presence,
  // presence past its deadline or forgotten, the newest users, groups, threads and presence
  // for the inspector's first pages, and a thread's counts and times read from an index
  // alone: a message's text comes before those columns, so reading them from the table
  // reads every long message whole.
  `
  CREATE INDEX group_members_by_user ON group_members (user_id);
  CREATE INDEX presence_by_group ON presence (group_id);
  CREATE INDEX users_by_creation ON users (created_at, id);
  CREATE INDEX groups_by_creation ON groups (created_at, id);
  CREATE INDEX threads_by_creation ON threads (created_at, id);
  CREATE INDEX presence_by_time ON presence (coalesce(present_until, last_seen));
  CREATE INDEX presence_by_deadline ON presence (present_until) WHERE present_until IS NOT NULL;
  CREATE INDEX presence_forgotten ON presence (user_id) WHERE present_until IS NULL AND last_seen IS NULL;
  CREATE INDEX messages_by_thread_state ON messages (thread_id, deleted_at, type, seq, author_id, created_at);
  `, // notification_preferences: Cord's `notification_channels` preference, one row per user who
  // set it (the others have Cord's default, both channels on).
  `
  CREATE TABLE notification_preferences (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    send_via_slack INTEGER NOT NULL,
    send_via_email INTEGER NOT NULL
  );
  `,
  // projects: the project's settings that Cord's project-management API (/v1/projects) reads
  // and changes (name, icon, events webhook address, redirect link, e-mail settings as JSON).
  `
  CREATE TABLE projects (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    icon_url TEXT,
    event_webhook_url TEXT,
    redirect_uri TEXT,
    email_settings TEXT NOT NULL,
    created_at INTEGER NOT NULL
  );
  `,
];
