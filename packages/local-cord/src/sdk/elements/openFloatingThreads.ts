import { type CordLocation, locationKey } from '../../protocol/location.ts';

// Which thread each floating-threads element on the page has open, by location: Cord's
// thread lists at the same location highlight it (`highlight-open-floating-thread`).

const open = new Map<object, { location: string; threadId: string }>();
const listeners = new Set<() => void>();

/** An element's open thread at its location; undefined when it has none open. */
export function setOpenFloatingThread(owner: object, location: CordLocation, threadId: string | undefined) {
  const before = open.get(owner);
  const key = locationKey(location);
  if (before?.threadId === threadId && before?.location === key) return;
  if (threadId === undefined) open.delete(owner);
  else open.set(owner, { location: key, threadId });
  for (const listener of [...listeners]) listener();
}

/** The thread a floating-threads element has open at exactly this location, if any. */
export function openFloatingThreadAt(location: CordLocation): string | undefined {
  const key = locationKey(location);
  return [...open.values()].find((entry) => entry.location === key)?.threadId;
}

/** Calls back whenever a floating thread opens or closes anywhere on the page. */
export function onOpenFloatingThreads(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
