import { z } from 'zod';
import { type Route, success } from './common.ts';
import { cordError } from './cordErrors.ts';
import { cordBody } from './cordValidation.ts';

// Preferences: GET and PUT /v1/users/<id>/preferences. Cord has one preference,
// `notification_channels`: whether the user is notified by Slack and by e-mail.

const NOTIFICATION_CHANNELS = 'notification_channels';

const updatePreferenceBody = cordBody(
  'UpdateUserPreferenceVariables',
  'preferences',
  z.strictObject({
    key: z.literal(NOTIFICATION_CHANNELS),
    value: z.strictObject({ sendViaSlack: z.boolean().optional(), sendViaEmail: z.boolean().optional() }),
  }),
);

export const preferenceRoutes: Route[] = [
  {
    method: 'GET',
    path: 'users/:id/preferences',
    handle({ store }, { id }) {
      if (!store.users.exists(id)) throw cordError('user_not_found');
      return { [NOTIFICATION_CHANNELS]: store.preferences.notificationChannels(id) };
    },
  },
  {
    method: 'PUT',
    path: 'users/:id/preferences',
    handle({ store, hub }, { id, body }) {
      const { value } = updatePreferenceBody.parse(body);
      if (!store.users.exists(id)) throw cordError('user_not_found');
      const { sendViaSlack, sendViaEmail } = value;
      store.preferences.setNotificationChannels(id, {
        ...(sendViaSlack !== undefined && { sendViaSlack }),
        ...(sendViaEmail !== undefined && { sendViaEmail }),
      });
      hub.publishViewer(id);
      return success(`✅ You successfully updated user ${id} preferences`);
    },
  },
];
