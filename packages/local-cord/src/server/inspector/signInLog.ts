import type { SignInRecord } from '../../protocol/inspector.ts';
import { decodeJwt } from '../auth/jwt.ts';

const KEPT = 20;

/**
 * The last sign-in attempts, in memory only, for the inspector: "why was my token
 * refused?" answered with the decoded claims next to Cord's reason.
 */
export class SignInLog {
  private readonly records: SignInRecord[] = [];

  /** `onChange` hears of each new record. */
  constructor(private readonly onChange: () => void = () => {}) {}

  /** `frame` is the browser's hello as received; `outcome` the user signed in, or the refusal. */
  record(frame: unknown, outcome: { userId: string } | { refused: string }, at = Date.now()) {
    this.records.unshift({
      at,
      ...describeCredential(frame),
      accepted: 'userId' in outcome,
      userId: 'userId' in outcome ? outcome.userId : null,
      reason: 'refused' in outcome ? outcome.refused : null,
    });
    this.records.length = Math.min(this.records.length, KEPT);
    this.onChange();
  }

  /** Newest first. */
  list(): SignInRecord[] {
    return [...this.records];
  }
}

function describeCredential(frame: unknown): Pick<SignInRecord, 'credential' | 'algorithm' | 'claims'> {
  const hello = (frame ?? {}) as { token?: unknown; session?: unknown };
  if (typeof hello.token === 'string') {
    const decoded = decodeJwt(hello.token);
    return { credential: 'token', algorithm: decoded?.algorithm ?? null, claims: decoded?.payload ?? null };
  }
  const credential = typeof hello.session === 'string' ? 'session' : 'none';
  return { credential, algorithm: null, claims: null };
}
