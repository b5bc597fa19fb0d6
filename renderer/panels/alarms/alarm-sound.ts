/**
 * The optional alarm tone: off unless the operator turns it on at this station
 * (remembered by this browser or window), two short beeps made with WebAudio so
 * no sound file has to ship or pass the CSP. Browsers only let a page play sound
 * after a gesture, so the switch itself wakes the audio up.
 */
import { create } from 'zustand';

const CHOICE_KEY = 'smart-mo-sync.alarm-sound';

interface AlarmSoundState {
  on: boolean;
  setOn(on: boolean): void;
}

let audio: AudioContext | null = null;

export const useAlarmSound = create<AlarmSoundState>()((set) => ({
  on: wakeOnFirstGestureIf(remembered()),
  setOn(on) {
    try {
      globalThis.localStorage?.setItem(CHOICE_KEY, on ? 'on' : 'off');
    } catch {
      // A locked-down kiosk profile may refuse storage: the choice then lasts until the page reloads.
    }
    if (on) void wakeAudio();
    set({ on });
  },
}));

export function beep(): void {
  if (!useAlarmSound.getState().on || audio === null) return;
  const start = audio.currentTime;
  for (const offset of [0, 0.3]) {
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.frequency.value = 880;
    volume.gain.setValueAtTime(0.2, start + offset);
    volume.gain.exponentialRampToValueAtTime(0.001, start + offset + 0.2);
    tone.connect(volume).connect(audio.destination);
    tone.start(start + offset);
    tone.stop(start + offset + 0.2);
  }
}

async function wakeAudio(): Promise<void> {
  if (typeof AudioContext === 'undefined') return;
  audio ??= new AudioContext();
  if (audio.state === 'suspended') await audio.resume();
}

/** Turned on in an earlier session: the audio can only start with this session's first touch or click. */
function wakeOnFirstGestureIf(on: boolean): boolean {
  if (on && typeof document !== 'undefined') document.addEventListener('pointerdown', () => void wakeAudio(), { once: true });
  return on;
}

function remembered(): boolean {
  try {
    return globalThis.localStorage?.getItem(CHOICE_KEY) === 'on';
  } catch {
    return false;
  }
}
