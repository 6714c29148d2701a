import type { HuntingRequest } from './query';
import type { HuntingResponse } from './response';
import type { HuntingSource } from './source';
import { huntingErrorFromGraph, timeoutError } from './graph-errors';

/**
 * The slice of a Microsoft Graph client this source needs. graph-client.ts adapts
 * @microsoft/microsoft-graph-client to it; tests may pass anything that speaks HTTP to a fake Graph.
 */
export interface GraphPoster {
  post(path: string, body: unknown, signal: AbortSignal): Promise<unknown>;
  /** `path` may carry a query string whose values are already percent-encoded (see graph/odata.ts); it is sent as given. */
  get(path: string, signal: AbortSignal): Promise<unknown>;
}

/** Defender XDR advanced hunting through Microsoft Graph `POST /security/runHuntingQuery`. */
export class GraphHuntingSource implements HuntingSource {
  readonly kind = 'defender' as const;

  constructor(
    private readonly graph: GraphPoster,
    /** Graph stops a query at 3 minutes; we stop waiting a little later. */
    private readonly timeoutMs: number,
  ) {}

  async run(request: HuntingRequest): Promise<HuntingResponse> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      const body = await this.graph.post('/security/runHuntingQuery', { Query: request.query, Timespan: request.timespan }, controller.signal);
      return body as HuntingResponse;
    } catch (e) {
      throw controller.signal.aborted ? timeoutError(e) : huntingErrorFromGraph(e);
    } finally {
      clearTimeout(timer);
    }
  }
}
