// Limits local Cord enforces on what browsers, tokens and the REST API send. The SDK
// imports them too, so the composer can refuse a message before the server has to.
// Lengths are in characters, counted as Unicode code points (an emoji is one, as Cord
// counts its identifiers), never as UTF-16 units. Cord's own limits where it had them.

/** Longest message text. */
export const MAX_MESSAGE_LENGTH = 10_000;

/** Cord's identifiers of threads and messages (and local Cord's other ids): 1-320 characters. */
export const MAX_ID_LENGTH = 320;
/** Cord's ids of users and groups: 1-128 characters. */
export const MAX_EXTERNAL_ID_LENGTH = 128;
/** Cord's longest reaction. */
export const MAX_REACTION_LENGTH = 127;
/** Names of users (name and short name), groups and threads. */
export const MAX_NAME_LENGTH = 1_000;
/** An e-mail address (RFC 3696's longest, which Cord also allowed for ids). */
export const MAX_EMAIL_LENGTH = 320;
/** URLs: a thread's page, a message's link and icon, a profile picture. */
export const MAX_URL_LENGTH = 4_000;
/** Metadata (of users, groups, threads, messages, notifications): a flat object this big at most. */
export const MAX_METADATA_KEYS = 50;
export const MAX_METADATA_KEY_LENGTH = 200;
export const MAX_METADATA_VALUE_LENGTH = 2_000;
/** A location's keys and values (MAX_LOCATION_KEYS and MAX_LOCATION_LENGTH, below, bound it whole). */
export const MAX_LOCATION_KEY_LENGTH = 200;
export const MAX_LOCATION_VALUE_LENGTH = 2_000;
/** The CSS classes a thread or message adds to its elements. */
export const MAX_CLASSNAMES_LENGTH = 1_000;
/** A message's translation key. */
export const MAX_TRANSLATION_KEY_LENGTH = 200;
/** Largest WebSocket frame the server reads; bigger frames close the connection. */
export const MAX_FRAME_BYTES = 64 * 1024;
/**
 * Bytes sent to one connection and not yet taken by it (ws's bufferedAmount) past which
 * its next request waits until it has read them: a client that asks faster than it
 * reads cannot make local Cord hold more than about one answer for it.
 */
export const QUEUED_BYTES_BEFORE_WAITING = 256 * 1024;
/** How long a connection may leave that much unread before it is closed as too slow. */
export const SLOW_READER_MS = 3_000;
/** Most bytes queued for one connection (its pushes included); past it the connection is closed. */
export const MAX_QUEUED_BYTES = 4 * 1024 * 1024;
/** Requests one connection may make per RATE_WINDOW_MS, on average, before it is refused. */
export const RATE_LIMIT = 60;
export const RATE_WINDOW_MS = 1_000;
/**
 * How many requests may arrive at once. Frames sent evenly can still be read in a clump
 * (after a reconnect, or a busy moment of the server's), which must not count as abuse.
 */
export const RATE_BURST = 2 * RATE_LIMIT;
/**
 * Requests one user may make per RATE_WINDOW_MS over all their connections (a few tabs
 * busy at once), and their burst: many connections of one user do not multiply the rate.
 */
export const USER_RATE_LIMIT = 4 * RATE_LIMIT;
export const USER_RATE_BURST = 2 * USER_RATE_LIMIT;
/** Connections one user may have open at once (tabs, windows, devices); more are closed as they sign in. */
export const MAX_CONNECTIONS_PER_USER = 16;

/**
 * Most keys a location may have. Cord's locations are small flat objects
 * (`{ page, section, elementId }`); a page's URL as one value fits many times over.
 */
export const MAX_LOCATION_KEYS = 20;
/** Longest location, in characters (code points) of its JSON. */
export const MAX_LOCATION_LENGTH = 2_000;
/**
 * Most places one user may be present at once, over all their connections. Every
 * element of a page that shows presence sets it somewhere; a live cursor moves with
 * `exclusiveWithin` and so holds one place, however far it travels. A watcher is sent
 * all of a user's places in one entry: this and MAX_LOCATION_LENGTH bound it (100 KB).
 */
export const MAX_PRESENT_LOCATIONS = 50;

/** Cord's presence timing: a present user refreshes every 15 s and lapses after 30 s. */
export const PRESENCE_REFRESH_MS = 15_000;
export const PRESENCE_LAPSE_MS = 30_000;
/** Durable "last seen here" is written at most this often. */
export const DURABLE_PRESENCE_WRITE_MS = 60_000;
/** A typing indicator without refresh disappears after this. */
export const TYPING_LAPSE_MS = 4_000;

/** Most items (threads, messages, users) one page may ask for, as in Cord. */
export const MAX_PAGE_SIZE = 1_000;
/**
 * Most bytes of message content one page of a thread carries: a page of long messages
 * holds fewer than asked for (with `hasMore`), so no answer is megabytes to build and send.
 */
export const MAX_MESSAGE_PAGE_BYTES = 256 * 1024;

/** Most messages one "mark their notifications read" may name (the SDK batches what a page shows). */
export const MAX_MESSAGES_MARKED_READ = 500;
