// `@cord-tutorial/local-cord/protocol`: what browsers and local Cord say to each other,
// its limits, and the pure helpers both sides share.
export type * from './answers.ts';
export * from './content.ts';
export type * from './events.ts';
export * from './fields.ts';
export * from './files.ts';
export type * from './inspector.ts';
export * from './limits.ts';
export * from './location.ts';
export * from './requests.ts';
export * from './timeFormat.ts';
export * from './userNames.ts';
export * from './validation.ts';
export type * from './views.ts';
