import type { IncomingMessage, ServerResponse } from 'node:http';

/** Changes close together are told as one: the page reads its state once for them. */
const COALESCE_MS = 200;

/**
 * Tells open inspector pages that something they show has changed, over server-sent
 * events (`GET /inspector/events`), so a page reads its state when there is news rather
 * than polling. Nothing is scheduled while no page listens.
 */
export class ChangeFeed {
  private readonly streams = new Set<ServerResponse>();
  private timer: ReturnType<typeof setTimeout> | undefined;

  /** Something shown changed (a store write, a sign-in, an e-mail, a webhook delivery, a connection). */
  readonly changed = () => {
    if (this.timer || this.streams.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const stream of this.streams) stream.write('data: changed\n\n');
    }, COALESCE_MS);
  };

  /** Keeps the response open as an event stream until the page goes. */
  open(request: IncomingMessage, response: ServerResponse, headers: Record<string, string>) {
    response.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
    // A page that lost the stream (local Cord restarted) tries again after a second.
    response.write('retry: 1000\n\n');
    this.streams.add(response);
    request.on('close', () => this.streams.delete(response));
  }

  /** Drops every stream (a page reconnects by itself), so the server can close at once. */
  close() {
    clearTimeout(this.timer);
    for (const stream of this.streams) stream.destroy();
    this.streams.clear();
  }
}
