import type { IncomingMessage } from 'node:http';
import { isLoopbackHost } from './loopback.ts';

// The Host check of every server of the stack (local Cord, the token server). It defeats
// DNS rebinding: a page on another site whose name is made to resolve to 127.0.0.1 reaches
// a loopback server, but its requests still carry that site's name as their Host, and a
// browser lets the page read the answers, since to it they come from its own origin.

/** The variables that allow more host names, one per server. */
export const LOCAL_CORD_ALLOWED_HOSTS = 'LOCAL_CORD_ALLOWED_HOSTS';
export const TOKEN_SERVER_ALLOWED_HOSTS = 'TOKEN_SERVER_ALLOWED_HOSTS';

/** The host names a server answers besides loopback ones, and the variable that set them. */
export interface AllowedHosts {
  /**
   * Names allowed with any port, as Vite's `server.allowedHosts`: `example.test`, or
   * `.example.test` for that name and all below it.
   */
  names: readonly string[];
  /** Named in the refusal, so whoever meets it knows what to set. */
  setting: typeof LOCAL_CORD_ALLOWED_HOSTS | typeof TOKEN_SERVER_ALLOWED_HOSTS;
}

/** A Host header's name (lowercased, brackets kept on IPv6) and port; undefined if it is not a plain host[:port]. */
function parseHostHeader(header: string): { name: string; port: number } | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[^\s:@/\\[\]?#]+)(?::(\d{1,5}))?$/i.exec(header);
  if (!match) return undefined;
  return { name: match[1]!.toLowerCase(), port: match[2] === undefined ? 80 : Number(match[2]) };
}

function isAllowedName(name: string, names: readonly string[]): boolean {
  return names.some((allowed) => {
    const entry = allowed.toLowerCase();
    return entry.startsWith('.') ? name === entry.slice(1) || name.endsWith(entry) : name === entry;
  });
}

/**
 * Why this request is refused, or undefined if it may be answered: its Host is `localhost`,
 * `127.0.0.1` (any 127.x address) or `[::1]` with the port the request came in on, or a name
 * the configuration allows. Answer a refusal with 403 and this text.
 */
export function hostRefusal(request: IncomingMessage, allowed: AllowedHosts): string | undefined {
  const header = request.headers.host;
  const port = request.socket.localPort;
  const host = header === undefined ? undefined : parseHostHeader(header);
  if (host && isLoopbackHost(host.name) && host.port === port) return undefined;
  if (host && isAllowedName(host.name, allowed.names)) return undefined;
  return (
    `Host ${JSON.stringify(header ?? '')} is not allowed: this server answers only ` +
    `localhost, 127.0.0.1 and [::1] on port ${port}. To reach it by another name, ` +
    `add that name to ${allowed.setting} (a comma-separated list).`
  );
}
