/**
 * The database is reachable but the app cannot use it as it is (missing plant
 * columns, duplicates in the queue, no permission, an unsupported server).
 * Start-up stops with this one message; nothing was left half-migrated.
 */
export class AuthoritySchemaError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AuthoritySchemaError';
  }
}
