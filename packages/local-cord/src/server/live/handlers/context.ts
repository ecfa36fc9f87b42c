import type { AnswerOf } from '../../../protocol/answers.ts';
import type { Request, RequestOf } from '../../../protocol/requests.ts';
import type { Store } from '../../../store/store.ts';
import type { Notify } from '../../writes.ts';
import type { Hub } from '../hub.ts';
import type { Subscriber } from '../subscriber.ts';

/** What a request handler works with: the store, the hub, notify, and the connection that asked. */
export interface HandlerContext {
  store: Store;
  hub: Hub;
  /** Called after a write Cord notifies about (a message added or changed). */
  notify: Notify;
  subscriber: Subscriber;
}

/** Handlers for some request types, each answering with what its type promises. */
export type Handlers<T extends Request['type']> = {
  [K in T]: (context: HandlerContext, request: RequestOf<K>) => AnswerOf<K>;
};
