/** The OS account running this process: who an in-process call or a CLI command without --user is recorded as. */
import { userInfo } from 'node:os';

export function osUser(): string {
  try {
    return userInfo().username;
  } catch {
    // No passwd entry for this uid (some containers): still a name the trail can show.
    return `uid ${process.getuid?.() ?? '?'}`;
  }
}
