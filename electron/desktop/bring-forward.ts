/** The part of a BrowserWindow needed to bring it in front of the operator. */
export interface ForwardableWindow {
  isMinimized(): boolean;
  restore(): void;
  show(): void;
  focus(): void;
}

/** From the taskbar, from behind other windows or from hidden: on screen and focused. */
export function bringForward(window: ForwardableWindow): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
