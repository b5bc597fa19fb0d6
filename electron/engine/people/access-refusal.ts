/**
 * A call the access guard (or a people handler) refuses. The dispatcher answers it with the code:
 * `unauthorized` — nobody is signed in, or the session ran out (the console drops its token);
 * `forbidden` — this person may not, or the PIN is wrong. The message says why and what to do.
 */
export class AccessRefusedError extends Error {
  constructor(
    readonly code: 'unauthorized' | 'forbidden',
    message: string,
  ) {
    super(message);
    this.name = 'AccessRefusedError';
  }
}
