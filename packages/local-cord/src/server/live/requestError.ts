import type { ErrorCode } from '../../protocol/events.ts';

/** A request the server refuses; the browser gets the code and message (Cord's text where it has one). */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
  }
}
