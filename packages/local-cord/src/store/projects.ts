import type { EmailSettings } from '@cord-sdk/types';
import type { Row, Sqlite } from './sqlite.ts';

export type { EmailSettings };

/** The project's settings, as Cord's project-management API reads and writes them. */
export interface ProjectRecord {
  id: string;
  name: string;
  iconUrl: string | null;
  /** Where Cord's events webhook posts; null: nowhere. */
  eventWebhookUrl: string | null;
  redirectUri: string | null;
  emailSettings: EmailSettings;
  createdAt: number;
}

/** Settings to change; undefined leaves one as it is. */
export type ProjectChanges = Partial<Omit<ProjectRecord, 'id' | 'createdAt'>>;

/** What Cord gave a project made without e-mail settings: none, and e-mails on. */
export const DEFAULT_EMAIL_SETTINGS: Readonly<EmailSettings> = {
  name: null,
  imageURL: null,
  sender: null,
  logoConfig: null,
  enableEmailNotifications: true,
};

const COLUMNS: Record<keyof ProjectChanges, string> = {
  name: 'name',
  iconUrl: 'icon_url',
  eventWebhookUrl: 'event_webhook_url',
  redirectUri: 'redirect_uri',
  emailSettings: 'email_settings',
};

function toProjectRecord(row: Row): ProjectRecord {
  return {
    id: row.id as string,
    name: row.name as string,
    iconUrl: row.icon_url as string | null,
    eventWebhookUrl: row.event_webhook_url as string | null,
    redirectUri: row.redirect_uri as string | null,
    emailSettings: JSON.parse(row.email_settings as string) as EmailSettings,
    createdAt: row.created_at as number,
  };
}

/**
 * The settings of the project local Cord serves (a database file keeps a row per project
 * id it was started with). Not emptied by a reset: they are configuration, not data.
 */
export class Projects {
  constructor(private readonly sql: Sqlite) {}

  /** The project's row, made with `name` on first use. */
  ensure(id: string, name: string, now = Date.now()): ProjectRecord {
    this.sql.run(
      `INSERT INTO projects (id, name, email_settings, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (id) DO NOTHING`,
      id,
      name,
      JSON.stringify(DEFAULT_EMAIL_SETTINGS),
      now,
    );
    return this.get(id) as ProjectRecord;
  }

  get(id: string): ProjectRecord | undefined {
    const row = this.sql.row('SELECT * FROM projects WHERE id = ?', id);
    return row && toProjectRecord(row);
  }

  /** Changes the settings given; returns whether the project exists. */
  update(id: string, changes: ProjectChanges): boolean {
    const set = (Object.keys(COLUMNS) as Array<keyof ProjectChanges>).filter((key) => changes[key] !== undefined);
    if (set.length === 0) return this.get(id) !== undefined;
    const values = set.map((key) => (key === 'emailSettings' ? JSON.stringify(changes[key]) : changes[key]));
    return (
      this.sql.run(
        `UPDATE projects SET ${set.map((key) => `${COLUMNS[key]} = ?`).join(', ')} WHERE id = ?`,
        ...values,
        id,
      ) > 0
    );
  }
}
