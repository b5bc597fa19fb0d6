/**
 * Which view of the console is on screen (the tabs). Kept outside the tabs so any panel can send
 * the operator to another view — the alarm banner to the alarm list, say — with `useShowView()`.
 */
import { create } from 'zustand';

export const VIEWS = ['queue', 'alarms', 'runs', 'archive', 'reports', 'log', 'engineer'] as const;
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

/** `const showView = useShowView(); showView('alarms')`. */
export function useShowView(): (view: ViewId) => void {
  return useCurrentViewStore((state) => state.show);
}
