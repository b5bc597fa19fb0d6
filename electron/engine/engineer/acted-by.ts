/** "engineer ana" / "ana (CLI)": who did it, as run reasons and archive notes name them. */
import type { Caller } from '../people/caller';

export function actedBy(caller: Caller): string {
  const who = caller.role ? `${caller.role} ${caller.user}` : caller.user;
  return caller.source === 'cli' ? `${who} (CLI)` : who;
}
