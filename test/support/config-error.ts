import { expect } from 'vitest';
import { ConfigError } from '../../electron/engine/config';

/** The message of the ConfigError `fn` throws: what the engineer reads when start-up refuses. */
export function configErrorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected a ConfigError');
}
