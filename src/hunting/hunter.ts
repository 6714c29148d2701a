import type { HuntingRequest } from './query';
import type { HuntingResponse } from './response';

/** A hunting answer and how old it is (it may come from the short result cache). */
export interface HuntingAnswer {
  readonly body: HuntingResponse;
  readonly fetchedAt: Date;
  readonly fromCache: boolean;
}

/** What use cases call to hunt: a source behind the quota guard (cache, single-flight, 429 circuit). */
export interface Hunter {
  readonly kind: 'defender' | 'local';
  hunt(request: HuntingRequest, options: { readonly fresh: boolean }): Promise<HuntingAnswer>;
}
