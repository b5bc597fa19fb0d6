/**
 * Advisory lock keys of the app, in a namespace of their own ('SMOS' in
 * ASCII) so they cannot collide with locks other plant tooling may take.
 */
export const ADVISORY_NAMESPACE = 0x534d4f53;

export const ADVISORY_LOCK = {
  /** Task 1's gate: one decision-and-dispatch at a time across all stations. */
  gate: 1,
  /** Schema migrations: two stations starting together migrate one after the other. */
  migrations: 2,
} as const;
