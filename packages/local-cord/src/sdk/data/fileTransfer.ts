import type { LiveData } from './liveData.ts';

// Files go to and from local Cord over HTTP, never over the WebSocket (its frames are
// small). Every request presents the page's session, the credential it signed in with.

const passes = new WeakMap<LiveData, { session: string; ready: Promise<void> }>();

function authorization(live: LiveData): Record<string, string> {
  const session = live.session;
  if (session === undefined) throw new Error('Cord is not signed in.');
  return { Authorization: `Bearer ${session}` };
}

/**
 * Lets the page load the viewer's files by URL (an <img>, which sends no header): local
 * Cord answers with a cookie for them. Asked once per sign-in; resolves when answered,
 * also when refused (the pictures then fail to load, nothing else does). Undefined while
 * the page is not signed in.
 */
export function filePass(live: LiveData): Promise<void> | undefined {
  const session = live.session;
  if (session === undefined) return undefined;
  const asked = passes.get(live);
  if (asked?.session === session) return asked.ready;
  const ready = fetch(live.serverUrl('/files/session'), {
    method: 'POST',
    credentials: 'include',
    headers: authorization(live),
  }).then(
    () => undefined,
    () => undefined,
  );
  passes.set(live, { session, ready });
  return ready;
}

/** Sends a created file's bytes; resolves with its id and link once local Cord has kept them. */
export async function uploadBytes(live: LiveData, fileId: string, blob: Blob): Promise<{ id: string; url: string }> {
  const response = await fetch(live.serverUrl(`/files/${fileId}`), {
    method: 'PUT',
    body: blob,
    headers: authorization(live),
  });
  const answer = (await response.json()) as { id: string; url: string } | { message: string };
  if (!response.ok || !('url' in answer)) throw new Error('message' in answer ? answer.message : response.statusText);
  return { id: answer.id, url: answer.url };
}

/** A file's bytes, fetched with the page's session (downloads do not depend on the cookie). */
export async function downloadBytes(live: LiveData, url: string): Promise<Blob> {
  const response = await fetch(url, { headers: authorization(live) });
  if (!response.ok) throw new Error(((await response.json()) as { message: string }).message);
  return response.blob();
}
