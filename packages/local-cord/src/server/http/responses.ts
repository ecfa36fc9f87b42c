import type { ServerResponse } from 'node:http';

/** A JSON answer; nothing local Cord answers with JSON may be cached. */
export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response
    .writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers })
    .end(JSON.stringify(body));
}

/** A text file (script, stylesheet, page) with the headers given. */
export function sendText(response: ServerResponse, type: string, body: string, headers: Record<string, string> = {}) {
  response.writeHead(200, { 'Content-Type': `${type}; charset=utf-8`, ...headers }).end(body);
}
