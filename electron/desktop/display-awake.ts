/**
 * Keeps the display awake while a wave runs (batches in the queue): the console must not go
 * dark at the station while the PLC doses. The blocker is released when the queue empties.
 */
import type { Snapshot } from '../../shared/domain';

/** The part of Electron's powerSaveBlocker used here. */
export interface PowerSaveBlockerLike {
  start(type: 'prevent-display-sleep'): number;
  stop(id: number): boolean;
}

export interface DisplayAwake {
  update(snapshot: Snapshot): void;
  release(): void;
}

export function keepDisplayAwakeDuringWaves(blocker: PowerSaveBlockerLike): DisplayAwake {
  let blockerId: number | null = null;
  const release = (): void => {
    if (blockerId === null) return;
    blocker.stop(blockerId);
    blockerId = null;
  };
  return {
    update: (snapshot) => {
      if (snapshot.queue.count === 0) release();
      else if (blockerId === null) blockerId = blocker.start('prevent-display-sleep');
    },
    release,
  };
}
