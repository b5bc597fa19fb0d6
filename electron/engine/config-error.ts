/** A configuration that must not start the engine: one message naming the key (or file) and the rule. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
