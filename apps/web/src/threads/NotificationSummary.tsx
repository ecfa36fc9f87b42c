import { notification } from '@cord-sdk/react';

/**
 * `notification.useNotificationCounts` and `notification.useNotifications`: what the bell
 * counts, in words, and the newest notification's header as plain text.
 */
export function NotificationSummary() {
  const counts = notification.useNotificationCounts();
  const { notifications } = notification.useNotifications();
  const latest = notifications[0];
  const header = latest?.header.map((node) => (node.type === 'user' ? node.user.displayName : node.text)).join('');
  return (
    <p className="notification-summary" role="status" aria-label="Notification summary">
      {counts ? `${counts.unread} unread` : 'Counting…'}
      {header && ` · latest: ${header}`}
    </p>
  );
}
