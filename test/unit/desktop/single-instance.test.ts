import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import { claimSingleInstance } from '../../../electron/desktop/single-instance';

class FakeApp extends EventEmitter {
  quit = vi.fn();
  constructor(private readonly lockFree: boolean) {
    super();
  }
  requestSingleInstanceLock(): boolean {
    return this.lockFree;
  }
}

function minimizedWindow() {
  let minimized = true;
  const calls: string[] = [];
  return {
    calls,
    isMinimized: () => minimized,
    restore: () => {
      minimized = false;
      calls.push('restore');
    },
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
}

describe('single instance', () => {
  it('a second launch brings the first window forward: restored, shown, focused', () => {
    const app = new FakeApp(true);
    const window = minimizedWindow();

    expect(claimSingleInstance(app, () => window)).toBe(true);
    app.emit('second-instance');

    expect(window.calls).toEqual(['restore', 'show', 'focus']);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('the second launch itself quits', () => {
    const app = new FakeApp(false);

    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledTimes(1);
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('a second launch before the window exists changes nothing', () => {
    const app = new FakeApp(true);
    claimSingleInstance(app, () => null);

    expect(() => app.emit('second-instance')).not.toThrow();
  });
});
