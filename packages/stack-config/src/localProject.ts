// The project that local Cord hosts. Like any local development stand-in's keys, these
// are well known on purpose: they only ever sign tokens for a server on loopback, so they
// are safe to publish. A real Cord deployment never accepts them.
export const LOCAL_CORD_PROJECT_ID = '9f6a2c1e-5b0d-4c47-9a34-3c1d0e8b7a21';
export const LOCAL_CORD_PROJECT_SECRET = 'local-cord-development-secret-safe-to-publish';
/** The project's name until someone renames it (PUT /v1/projects/<id>, `cord project update`). */
export const LOCAL_CORD_PROJECT_NAME = 'Local Cord development project';
/**
 * The customer that owns the project: Cord's project-management API (`/v1/projects`,
 * `cord project …`) takes tokens signed with these, as Cord's took a customer's keys from
 * its console. Published for the same reason as the project's.
 */
export const LOCAL_CORD_CUSTOMER_ID = '429e33aa-f61c-4407-a592-662ae817fde4';
export const LOCAL_CORD_CUSTOMER_SECRET = 'local-cord-customer-secret-safe-to-publish';

export const LOCAL_CORD_DEFAULT_HOST = '127.0.0.1';
export const LOCAL_CORD_DEFAULT_PORT = 8161;

// Paths local Cord serves; the client's configuration points at them.
export const LOCAL_CORD_SCRIPT_PATH = '/sdk/v1/sdk.latest.js';
export const LOCAL_CORD_CSS_PATH = '/sdk/css/cord.css';
export const LOCAL_CORD_SOCKET_PATH = '/socket';
/** The emoji picker (emoji-picker-element) and its emoji, loaded by the SDK when a picker first opens. */
export const LOCAL_CORD_EMOJI_PICKER_PATH = '/sdk/v1/emoji-picker.js';
export const LOCAL_CORD_EMOJI_DATA_PATH = '/sdk/v1/emoji-data.json';

/** Where Cord served its SDK script (CordProvider's default); local Cord serves it at the same path. */
export const CORD_HOSTED_SCRIPT_URL = `https://app.cord.com${LOCAL_CORD_SCRIPT_PATH}`;
