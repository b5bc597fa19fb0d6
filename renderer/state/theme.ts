/**
 * Daylight (light) or night (dark) screen, the operator's choice, remembered by this browser or window.
 * Until chosen, the system's preference. The colours themselves are CSS custom properties (styles.css).
 */
import { create } from 'zustand';

export const THEMES = ['light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

const CHOICE_KEY = 'smart-mo-sync.theme';

function rememberedTheme(): Theme | null {
  try {
    const stored = globalThis.localStorage?.getItem(CHOICE_KEY);
    return stored === 'light' || stored === 'dark' ? stored : null;
  } catch {
    return null;
  }
}

function systemTheme(): Theme {
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function markDocument(theme: Theme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
}

interface ThemeState {
  theme: Theme;
  choose(theme: Theme): void;
}

export const useTheme = create<ThemeState>()((set) => {
  const initial = rememberedTheme() ?? systemTheme();
  markDocument(initial);
  return {
    theme: initial,
    choose(theme) {
      try {
        globalThis.localStorage?.setItem(CHOICE_KEY, theme);
      } catch {
        // Storage may be off (a locked-down kiosk profile): the choice then lasts until the page reloads.
      }
      markDocument(theme);
      set({ theme });
    },
  };
});
