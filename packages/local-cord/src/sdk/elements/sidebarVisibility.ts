// Whether the page's sidebar is open: one state for the page, which `<cord-sidebar>`'s
// `open` and every `<cord-sidebar-launcher>` change, and every sidebar shows, as in Cord.

let open = false;
const listeners = new Set<() => void>();

export function sidebarOpen(): boolean {
  return open;
}

export function setSidebarOpen(value: boolean) {
  if (value === open) return;
  open = value;
  for (const listener of [...listeners]) listener();
}

/** Calls back when the sidebar opens or closes. */
export function onSidebarOpen(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
