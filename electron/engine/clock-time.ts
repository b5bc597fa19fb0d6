/** A moment as an operator reads it on the station's wall clock: HH:MM:SS, local time. */
export function clockTime(ms: number): string {
  return new Date(ms).toTimeString().slice(0, 8);
}
