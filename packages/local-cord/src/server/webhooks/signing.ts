import { createHmac } from 'node:crypto';
import stableStringify from 'fast-json-stable-stringify';

// A webhook request as Cord makes it: the event in Cord's envelope, serialised as stable
// JSON (keys sorted at every level, no spaces; the same library Cord used), signed with
// HMAC-SHA256 of `<timestamp>:<body>` under the project secret, in base64. This is what
// `validateWebhookSignature` from @cord-sdk/server checks.

export const WEBHOOK_TYPES = ['thread-message-added', 'notification-created', 'url-verification'] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

export interface SignedRequest {
  body: string;
  /** X-Cord-Timestamp: milliseconds since the epoch. */
  timestamp: string;
  /** X-Cord-Signature */
  signature: string;
}

export interface WebhookProject {
  id: string;
  secret: string;
}

/**
 * Cord's envelope: the type, the project (twice: `applicationID` is the old name), the time,
 * the event, and the event's own keys again at the top (older receivers read them there;
 * they win over the envelope's, so a notification's ISO `timestamp` replaces the envelope's).
 */
export function signWebhook(
  project: WebhookProject,
  type: WebhookType,
  event: object,
  now = Date.now(),
): SignedRequest {
  const timestamp = String(now);
  const body = stableStringify({
    type,
    applicationID: project.id,
    projectID: project.id,
    timestamp,
    event,
    ...event,
  });
  const signature = createHmac('sha256', project.secret).update(`${timestamp}:${body}`).digest('base64');
  return { body, timestamp, signature };
}

/**
 * Sends a signed event to a receiver as Cord did: a JSON POST with Cord's timestamp and
 * signature headers. Redirects are not followed: the receiver is the address given.
 */
export function postSigned(url: string, signed: SignedRequest, signal: AbortSignal): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'X-Cord-Timestamp': signed.timestamp,
      'X-Cord-Signature': signed.signature,
    },
    body: signed.body,
    signal,
    redirect: 'manual',
  });
}
