import type { NotificationChannels } from '../protocol/views.ts';
import type { Sqlite } from './sqlite.ts';

export type { NotificationChannels };

/** What a user who never set the preference gets: both channels, as Cord defaults. */
export const DEFAULT_NOTIFICATION_CHANNELS: Readonly<NotificationChannels> = { sendViaSlack: true, sendViaEmail: true };

/** Users' preferences; only Cord's one key, `notification_channels`, exists. */
export class Preferences {
  constructor(private readonly sql: Sqlite) {}

  notificationChannels(userId: string): NotificationChannels {
    const row = this.sql.row(
      'SELECT send_via_slack, send_via_email FROM notification_preferences WHERE user_id = ?',
      userId,
    );
    if (!row) return { ...DEFAULT_NOTIFICATION_CHANNELS };
    return { sendViaSlack: row.send_via_slack === 1, sendViaEmail: row.send_via_email === 1 };
  }

  /** Changes the channels given; the others keep their value (or the default). */
  setNotificationChannels(userId: string, change: Partial<NotificationChannels>) {
    const flag = (value: boolean | undefined) => (value === undefined ? null : Number(value));
    this.sql.run(
      `INSERT INTO notification_preferences (user_id, send_via_slack, send_via_email)
       VALUES (@userId, coalesce(@slack, @defaultSlack), coalesce(@email, @defaultEmail))
       ON CONFLICT (user_id) DO UPDATE SET
         send_via_slack = coalesce(@slack, send_via_slack), send_via_email = coalesce(@email, send_via_email)`,
      {
        userId,
        slack: flag(change.sendViaSlack),
        email: flag(change.sendViaEmail),
        defaultSlack: Number(DEFAULT_NOTIFICATION_CHANNELS.sendViaSlack),
        defaultEmail: Number(DEFAULT_NOTIFICATION_CHANNELS.sendViaEmail),
      },
    );
  }
}
