/**
 * A request whose input passed the contract's schema but cannot be answered as asked (a page cursor
 * that was tampered with or no longer fits the data): the bridge answers `bad-request`, not `failed`,
 * so the console knows to start over rather than retry.
 */
export class BadRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BadRequestError';
  }
}
