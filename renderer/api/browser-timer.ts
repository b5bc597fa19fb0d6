/** The browser's timer in the shape the console's stores take (the same as the engine's Clock.setTimer). */
export function browserTimer(delayMs: number, fn: () => void): () => void {
  const handle = window.setTimeout(fn, delayMs);
  return () => window.clearTimeout(handle);
}
