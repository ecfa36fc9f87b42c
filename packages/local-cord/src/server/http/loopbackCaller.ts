import type { IncomingMessage } from 'node:http';
import { isLoopbackAddress, isLoopbackHost } from '@cord-tutorial/stack-config';

/**
 * A request from this machine, by its address and by its Host header: the Host check
 * defeats DNS rebinding, where a remote site's name resolves to 127.0.0.1.
 */
export function isLoopbackCaller(request: IncomingMessage): boolean {
  const host = URL.parse(`http://${request.headers.host ?? ''}`)?.hostname ?? '';
  return isLoopbackAddress(request.socket.remoteAddress ?? '') && isLoopbackHost(host);
}
