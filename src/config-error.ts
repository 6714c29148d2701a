import { AppError, ErrorCode } from './errors';

/** A refused setting: the message names it and says what is accepted. */
export class ConfigError extends AppError {
  constructor(readonly setting: string, problem: string) {
    super(ErrorCode.ConfigInvalid, `Invalid configuration: ${setting} ${problem}`, {
      hint: `Fix ${setting} in the environment or .env (see .env.example).`,
    });
    this.name = 'ConfigError';
  }
}
