// What the samples share: one location and one thread, so two people on the page (two
// browsers, two test users) see each other's presence and messages in every section.

/** Where the page's presence, threads and new comments are. */
export const DEMO_LOCATION = { page: 'components' };

/** The thread the Thread, Message and Reactions sections show. */
export const DEMO_THREAD_ID = 'components-demo';

/** What a sample reports for the page's event log: Cord's callback name and its arguments. */
export type OnEvent = (name: string, ...args: unknown[]) => void;
