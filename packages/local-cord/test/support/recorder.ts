// What an observer of Cord's JavaScript API is told: every value its callback gets, in order,
// and a wait for the first one that passes a check.
import { WAIT_MS } from '../../src/testing/index.ts';

export interface Recorder<T> {
  /** The callback to hand to an observe* call. */
  callback: (value: T) => void;
  /** Every value given so far. */
  deliveries: T[];
  /** The first value (already given or still to come) that passes `check`. */
  until(check: (value: T) => boolean, what: string): Promise<T>;
  /** The values given after the first `skip`. */
  since(skip: number): T[];
}

export function recorder<T>(): Recorder<T> {
  const deliveries: T[] = [];
  const waiters = new Set<() => void>();
  return {
    deliveries,
    callback: (value) => {
      deliveries.push(value);
      for (const wake of [...waiters]) wake();
    },
    until(check, what) {
      return new Promise((resolve, reject) => {
        const look = () => {
          const index = deliveries.findIndex(check);
          if (index === -1) return;
          clearTimeout(timer);
          waiters.delete(look);
          resolve(deliveries[index] as T);
        };
        const timer = setTimeout(() => {
          waiters.delete(look);
          reject(new Error(`never told: ${what}`));
        }, WAIT_MS);
        waiters.add(look);
        look();
      });
    },
    since: (skip) => deliveries.slice(skip),
  };
}
