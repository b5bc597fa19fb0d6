/**
 * Which view of the console is on screen (the tabs). Kept outside the tabs so any panel can send
 * the operator to another view — the alarm banner to the alarm list, say — with `useShowView()`.
 */
import { create } from 'zustand';
import { SHOW_ALARMS_EVENT } from '../../shared/desktop-events';

export const VIEWS = ['queue', 'alarms', 'runs', 'archive', 'reports', 'log', 'audit', 'engineer'] as const;
export type ViewId = (typeof VIEWS)[number];

interface CurrentView {
  view: ViewId;
  show(view: ViewId): void;
}

const useCurrentViewStore = create<CurrentView>()((set) => ({
  view: 'queue',
  show: (view) => set({ view }),
}));

export function useCurrentView(): ViewId {
  return useCurrentViewStore((state) => state.view);
}

// The desktop app's alarm notification, when clicked, opens the alarm list (electron/desktop/alarm-notifier.ts).
// Optional: the console's state is also tested under Node, which has no window events.
globalThis.addEventListener?.(SHOW_ALARMS_EVENT, () => useCurrentViewStore.getState().show('alarms'));

/** `const showView = useShowView(); showView('alarms')`. */
export function useShowView(): (view: ViewId) => void {
  return useCurrentViewStore((state) => state.show);
}
