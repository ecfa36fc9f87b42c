// A webhook receiver on loopback for tests: records every request local Cord posts, and
// answers each with a chosen status.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookType } from '../server/webhooks/signing.ts';
import { WAIT_MS } from './testClient.ts';

export interface Received {
  body: string;
  timestamp: string;
  signature: string;
  contentType: string | undefined;
}

/** A webhook receiver: records every request; answers each with the next status of `statuses`, then 200. */
export class Receiver {
  readonly requests: Received[] = [];
  private readonly waiters = new Set<() => void>();
  private constructor(
    private readonly server: Server,
    private readonly statuses: number[],
  ) {}

  static async start(statuses: number[] = []): Promise<Receiver> {
    let receiver: Receiver | undefined;
    const server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        receiver!.requests.push({
          body: Buffer.concat(chunks).toString('utf8'),
          timestamp: String(request.headers['x-cord-timestamp'] ?? ''),
          signature: String(request.headers['x-cord-signature'] ?? ''),
          contentType: request.headers['content-type'],
        });
        const status = receiver!.statuses.shift() ?? 200;
        response.writeHead(status, { 'Content-Type': 'text/plain' }).end(status === 200 ? 'thanks' : 'try again');
        for (const wake of receiver!.waiters) wake();
      });
    });
    receiver = new Receiver(server, [...statuses]);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url() {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/cord-events`;
  }

  /** The requests of a type, once at least `count` have come. */
  async of(type: WebhookType, count = 1): Promise<Received[]> {
    const matching = () => this.requests.filter((request) => JSON.parse(request.body).type === type);
    if (matching().length >= count) return matching();
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`fewer than ${count} ${type} requests`)), WAIT_MS * 2);
      const check = () => {
        if (matching().length < count) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      this.waiters.add(check);
    });
    return matching();
  }

  close() {
    return new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
