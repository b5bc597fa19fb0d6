/**
 * An engineer action the engine will not do now because it could lose or double
 * material: the message says why, from what the PLC and the store show, and
 * what to do instead. Nothing was written when it is thrown.
 */
export class ActionRefusedError extends Error {
  override name = 'ActionRefusedError';
}
