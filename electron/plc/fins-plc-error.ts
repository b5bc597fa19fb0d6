/**
 * The one error type a FinsClient throws. `kind` lets the engine decide what
 * to do (an end code will not go away by retrying; a timeout might), and the
 * message is written for the operator's log.
 */
export type PlcErrorKind =
  | 'timeout'
  | 'end-code'
  | 'circuit-open'
  | 'transport'
  | 'bad-request'
  /** A send-once write went out and no answer came: whether the PLC executed it is unknown. */
  | 'unanswered';

export class PlcError extends Error {
  readonly kind: PlcErrorKind;
  /** The masked FINS end code when kind is 'end-code'. */
  readonly endCode: number | null;

  constructor(kind: PlcErrorKind, message: string, options: { cause?: unknown; endCode?: number } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlcError';
    this.kind = kind;
    this.endCode = options.endCode ?? null;
  }
}
