import { URL_VERIFICATION } from './payloads.ts';
import { postSigned, signWebhook, type WebhookProject } from './signing.ts';

// Cord's check of a new events webhook address before it saves it: a signed
// url-verification event, which the address must answer with 200 within 3 seconds. Unlike
// Cord, loopback addresses are allowed: a developer's receiver runs there.

const ANSWER_WITHIN_MS = 3_000;

/** An address that failed the check; the message is Cord's. */
export class WebhookUrlRefusal extends Error {
  override name = 'WebhookUrlRefusal';
}

/** Resolves once `url` answered the check with 200; otherwise throws a WebhookUrlRefusal. */
export async function verifyWebhookUrl(project: WebhookProject, url: string): Promise<void> {
  const signed = signWebhook(project, 'url-verification', URL_VERIFICATION);
  let status: number;
  try {
    const response = await postSigned(url, signed, AbortSignal.timeout(ANSWER_WITHIN_MS));
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') {
      throw new WebhookUrlRefusal(`URL verification aborted: no response from '${url}' within 3 seconds.`);
    }
    throw new WebhookUrlRefusal(`Cannot verify webhook URL '${url}'.`);
  }
  if (status !== 200) {
    throw new WebhookUrlRefusal(`Request to '${url}' failed with status ${status} but status 200 expected.`);
  }
}
