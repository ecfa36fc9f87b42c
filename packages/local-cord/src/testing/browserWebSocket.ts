import { WebSocket as NodeWebSocket } from 'ws';

/**
 * The browser SDK is written for the browser's WebSocket. `ws` has the same API, except
 * that an 'error' event with no listener throws: the browser only logs it.
 */
export class BrowserLikeWebSocket extends NodeWebSocket {
  constructor(url: string) {
    super(url);
    this.on('error', () => {});
  }
}

/** Lets the SDK's code run in Node: `globalThis.WebSocket` until the returned function puts it back. */
export function installBrowserLikeWebSocket(): () => void {
  const global = globalThis as { WebSocket?: unknown };
  const original = global.WebSocket;
  global.WebSocket = BrowserLikeWebSocket;
  return () => {
    global.WebSocket = original;
  };
}
