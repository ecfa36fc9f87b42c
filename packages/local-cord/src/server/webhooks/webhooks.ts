import { randomUUID } from 'node:crypto';
import type { WebhookAttempt, WebhookDelivery } from '../../protocol/inspector.ts';
import { postSigned, signWebhook, type WebhookProject, type WebhookType } from './signing.ts';

// Cord's events webhook, delivered from local Cord: each event is posted to the project's
// eventWebhookURL in the background, re-signed on every attempt, and retried after a failure (any
// answer but 2xx, or none) up to five times, Cord's 5·n² seconds apart. Unlike Cord, it posts
// to loopback addresses: that is where a developer's receiver runs.

export interface WebhookOptions {
  /**
   * The address the environment gives (LOCAL_CORD_WEBHOOK_URL): it becomes the project's
   * `eventWebhookURL` at start. Without it, the project's own (set by PUT /v1/projects/<id>) stays.
   */
  url?: string | undefined;
  /** The events the address wants (default: all); url-verification is sent at start whatever this says. */
  events?: readonly WebhookType[] | undefined;
  /** The wait before retry `n` (1-5), in ms; Cord's 5·n² s by default. Tests make it short. */
  retryDelayMs?: ((retry: number) => number) | undefined;
}

/** Cord tries once and retries five times. */
export const MAX_ATTEMPTS = 6;
const cordRetryDelay = (retry: number) => 5_000 * retry * retry;
/** Cord waits as long as a receiver takes; local Cord gives up on one after this, and retries. */
const ATTEMPT_TIMEOUT_MS = 30_000;
/** Deliveries the inspector lists. */
const KEPT = 50;
/** How much of an answer's body is kept. */
const ANSWER_CHARS = 300;

export class Webhooks {
  private readonly log: WebhookDelivery[] = [];
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly project: WebhookProject,
    /** The project's `eventWebhookURL` now: it can change while local Cord runs. */
    private readonly currentUrl: () => string | null,
    private readonly options: WebhookOptions = {},
    /** Hears of each new delivery and each attempt's outcome. */
    private readonly onChange: () => void = () => {},
  ) {}

  get url(): string | null {
    return this.currentUrl();
  }

  /** Whether events of this type go anywhere: build their bodies only then. */
  wants(type: WebhookType): boolean {
    const { events } = this.options;
    return this.url !== null && (type === 'url-verification' || events === undefined || events.includes(type));
  }

  /** Sends an event in the background (if its type is wanted); its delivery shows in `deliveries`. */
  send(type: WebhookType, event: () => object) {
    const url = this.url;
    if (url === null || !this.wants(type) || this.closed) return;
    const delivery: WebhookDelivery = {
      id: randomUUID(),
      type,
      url,
      createdAt: Date.now(),
      state: 'sending',
      attempts: [],
      nextAttemptAt: null,
    };
    this.log.unshift(delivery);
    this.log.length = Math.min(this.log.length, KEPT);
    this.onChange();
    void this.attempt(delivery, event());
  }

  /** Newest first. */
  deliveries(): WebhookDelivery[] {
    return this.log.map((delivery) => ({ ...delivery, attempts: [...delivery.attempts] }));
  }

  /** Stops retrying and abandons requests under way. */
  close() {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    for (const controller of this.inFlight) controller.abort();
  }

  private async attempt(delivery: WebhookDelivery, event: object) {
    const signed = signWebhook(this.project, delivery.type as WebhookType, event);
    const controller = new AbortController();
    const timeout = setTimeout(() => controller.abort(), ATTEMPT_TIMEOUT_MS);
    this.inFlight.add(controller);
    const at = Date.now();
    let result: WebhookAttempt;
    try {
      const response = await postSigned(delivery.url, signed, controller.signal);
      const answer = (await response.text()).slice(0, ANSWER_CHARS);
      result = { at, status: response.status, answer };
    } catch (error) {
      result = { at, status: null, answer: describeFailure(error) };
    } finally {
      clearTimeout(timeout);
      this.inFlight.delete(controller);
    }
    if (this.closed) return;
    delivery.attempts.push(result);
    // Pages read the state after the feed's short delay, by when the outcome below is set.
    this.onChange();
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    if (ok || delivery.attempts.length >= MAX_ATTEMPTS) {
      delivery.state = ok ? 'delivered' : 'failed';
      delivery.nextAttemptAt = null;
      return;
    }
    const wait = (this.options.retryDelayMs ?? cordRetryDelay)(delivery.attempts.length);
    delivery.state = 'retrying';
    delivery.nextAttemptAt = Date.now() + wait;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.attempt(delivery, event);
    }, wait);
    this.timers.add(timer);
  }
}

function describeFailure(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'AbortError') return `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? error.message;
}
