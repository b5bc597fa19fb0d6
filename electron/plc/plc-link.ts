/**
 * What the engine needs from a PLC: DM words in, DM words out. The FINS
 * client implements it over UDP or TCP; tests may implement it in memory.
 * Words are unsigned 16-bit values (0..65535).
 */
export interface PlcLink {
  readDm(address: number, count: number): Promise<number[]>;
  /** Data writes: the link may repeat a frame whose answer did not come (same words, same effect). */
  writeDm(address: number, words: readonly number[]): Promise<void>;
  /**
   * Exactly ONE frame, never repeated, for a write whose repetition is not
   * harmless (the hand-over D7076 := 0: a second one makes the PLC take the
   * wave twice). Rejects with PlcError 'unanswered' when the frame went out but
   * no answer came (the PLC may or may not have executed it: settle by reading
   * the PLC, never by sending again), 'transport' when it could not be sent.
   */
  writeDmOnce(address: number, words: readonly number[]): Promise<void>;
  /** Connection state for the console's health panel. */
  health(): PlcLinkHealth;
  close(): Promise<void>;
}

export interface PlcLinkHealth {
  state: 'ok' | 'degraded' | 'down' | 'unknown';
  /** Readable reason when not ok, e.g. "circuit open after 5 timeouts; next probe in 8 s". */
  detail: string;
  /** Epoch ms of the last answered request, null if none yet. */
  lastOkAt: number | null;
  /** FINS round trips made since start (requests sent, retries included). */
  roundTrips: number;
}
