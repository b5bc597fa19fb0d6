/**
 * IPC channels the Electron glue needs beyond the contract's requests and
 * events: the renderer's "I am listening" signal (Electron Fiddle's habit —
 * pushes wait until the page has subscribed, or they would be lost on load).
 */
export const CONSOLE_READY_CHANNEL = 'console/ready';

/** Main asks the page to show its alarm list (the operator clicked an alarm's notification). */
export const SHOW_ALARMS_CHANNEL = 'console/show-alarms';
