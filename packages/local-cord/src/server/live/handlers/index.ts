import type { Request } from '../../../protocol/requests.ts';
import type { Handlers } from './context.ts';
import { fileHandlers } from './files.ts';
import { messageHandlers } from './messages.ts';
import { notificationHandlers } from './notifications.ts';
import { presenceHandlers } from './presence.ts';
import { threadHandlers } from './threads.ts';
import { userHandlers } from './users.ts';

export type { HandlerContext } from './context.ts';

/** A handler for every request a browser may send. */
export const handlers: Handlers<Request['type']> = {
  ...threadHandlers,
  ...messageHandlers,
  ...userHandlers,
  ...presenceHandlers,
  ...fileHandlers,
  ...notificationHandlers,
};
