import type { AnswerOf } from '../../../protocol/answers.ts';
import type { Request, RequestOf } from '../../../protocol/requests.ts';
import type { Store } from '../../../store/store.ts';
import type { Hub } from '../hub.ts';
import type { Subscriber } from '../subscriber.ts';

/** What a request handler works with: the store, the hub, and the connection that asked. */
export interface HandlerContext {
  store: Store;
  hub: Hub;
  subscriber: Subscriber;
}

/** Handlers for some request types, each answering with what its type promises. */
export type Handlers<T extends Request['type']> = {
  [K in T]: (context: HandlerContext, request: RequestOf<K>) => AnswerOf<K>;
};
