/** Command-line flag parsing shared by every CLI command: node's parseArgs, with one-line mistakes. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './cli-io';

type FlagOptions = NonNullable<ParseArgsConfig['options']>;

export function parseFlags<T extends FlagOptions>(args: string[], options: T, allowPositionals = false) {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    // parseArgs explains itself over several sentences ("Unknown option '--sped'. To specify …"); the first is enough.
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(message.split(/(?<=\.)\s|\n/)[0] ?? message);
  }
}

export function integerIn(flag: string, text: string, min: number, max: number): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isInteger(value) || value < min || value > max) throw new UsageError(`${flag} must be a whole number ${min}..${max}, got "${text}"`);
  return value;
}

export function positiveNumber(flag: string, text: string): number {
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be a positive number, got "${text}"`);
  return value;
}
