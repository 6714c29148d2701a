import type { HuntingRequest } from './query';
import type { HuntingResponse } from './response';

/**
 * Where hunting rows come from. Implementations: Defender through Microsoft Graph, and the
 * bundled local sample. Failures throw AppError with a HUNTING_* code.
 */
export interface HuntingSource {
  /** "defender" or "local": shown to users so sample data is never mistaken for their tenant. */
  readonly kind: 'defender' | 'local';
  run(request: HuntingRequest): Promise<HuntingResponse>;
}
