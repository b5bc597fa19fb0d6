/**
 * Where the next older page of the log files starts: a file (by its roll number) and the byte
 * offset of the oldest line already shown. Opaque to the console (base64url), and checked on the
 * way back in: a cursor that does not decode is a bad request, not a crash or a silent first page.
 */
import { z } from 'zod';
import { BadRequestError } from '../bad-request-error';

export interface LogPosition {
  /** N of engine.N.log. */
  file: number;
  /** Byte offset in that file: lines before it are older. */
  offset: number;
}

const POSITION = z
  .string()
  .regex(/^(\d{1,9}):(\d{1,15})$/)
  .transform((text) => {
    const [file, offset] = text.split(':').map(Number) as [number, number];
    return { file, offset };
  });

export function encodeLogCursor(position: LogPosition): string {
  return Buffer.from(`${position.file}:${position.offset}`, 'utf8').toString('base64url');
}

export function decodeLogCursor(cursor: string): LogPosition {
  const parsed = /^[A-Za-z0-9_-]+$/.test(cursor) ? POSITION.safeParse(Buffer.from(cursor, 'base64url').toString('utf8')) : null;
  if (!parsed?.success) throw new BadRequestError('this log page cursor is not one the engine gave out; load the newest entries again');
  return parsed.data;
}
