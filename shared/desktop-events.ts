/**
 * The desktop app asks the console page to show its alarm list (an alarm's notification was
 * clicked). The sandboxed preload and the page share only the DOM, so the preload passes it on as
 * a DOM event on window; an event without data, so nothing crosses between the two worlds.
 */
export const SHOW_ALARMS_EVENT = 'smart-mo-sync:show-alarms';
