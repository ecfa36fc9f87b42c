import { WebSocket as NodeWebSocket } from 'ws';

/**
 * The browser SDK is written for the browser's WebSocket. `ws` has the same API, except
 * that an 'error' event with no listener throws (the browser only logs it), and that it
 * hands over several frames that arrive together in one go, where a browser gives each its
 * own task: the promise of an answer then settles after the events sent behind it, and an
 * answer looks newer than what came after it. Here each frame waits for its own turn.
 */
export class BrowserLikeWebSocket extends NodeWebSocket {
  constructor(url: string) {
    super(url, { allowSynchronousEvents: false });
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
