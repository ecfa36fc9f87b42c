// Endpoints as Cord's CLI built them (`users/bob`, `users?limit=5`), with two fixes: ids are
// URL-encoded, so an id with `/`, `?` or `#` reaches the right resource, and an empty query
// leaves no bare `?`.

/** `path('threads', id, 'messages')`: each id encoded as one path segment. */
export function path(...segments: string[]): string {
  return segments.map(encodeURIComponent).join('/');
}

/** `?a=1&b=2` from the values that are set, in the order given; '' when none is. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}
