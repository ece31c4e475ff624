/** A start-up configuration problem (bad or partly set environment). Neutral so that any layer may throw it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
