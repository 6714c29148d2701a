import type { AppError } from '../errors';
import { cardTime, dataText } from './text';
import type { ErrorCardData } from './view-models';

export function errorCardData(error: AppError, at: Date, title = 'Something went wrong'): ErrorCardData {
  return {
    title,
    message: dataText(error.message, 600),
    hint: dataText(error.hint ?? 'Try again. If it keeps happening, tell your SecretWatch administrator.', 400),
    code: error.code,
    timeIso: cardTime(at),
    hasReference: error.upstreamRequestId !== undefined,
    reference: dataText(error.upstreamRequestId ?? '', 100),
  };
}
