/**
 * The engine's alarms (the I/O around the pure step and actions): the authority holds them, so
 * every station shows the same. Only the station that drives the PLC records raises and returns —
 * it is the one whose warnings are first-hand — while any station may acknowledge or shelve.
 */
import type { Alarm, AlarmEventPage, HealthWarning } from '../../../shared/domain';
import { alarmRowChanges, type AlarmEventFilter, type AlarmRecord } from '../../store/alarm-records';
import { AuthorityUnavailableError, type AuthorityStore } from '../../store/authority-store';
import type { Clock } from '../clock';
import type { EngineLog } from '../engine-log';
import { acknowledgeAlarm, shelveAlarm, unshelveAlarm, type AlarmAction, type OperatorAct } from './alarm-actions';
import { alarmCauses } from './alarm-causes';
import { stepAlarms } from './alarm-step';
import { toAlarm, visibleAlarms } from './alarm-view';

export interface AlarmBoardParts {
  store: AuthorityStore;
  clock: Clock;
  log: EngineLog;
  /** This station: it signs the transitions it records and the operator's actions taken here. */
  station: string;
  /** Whether this engine records raises and returns: the driving station's, watching the plant. */
  recordsTransitions(): boolean;
  /** The alarms changed without a new evaluation (an operator's action, a shelve running out): show them. */
  onChange(): void;
}

const iso = (ms: number): string => new Date(ms).toISOString();

export class AlarmBoard {
  /** The alarms as last read or written: shown while the authority cannot be reached. */
  private known: AlarmRecord[] = [];
  private expiry: { at: number; cancel: () => void } | null = null;

  constructor(private readonly parts: AlarmBoardParts) {}

  /** The alarms after the warnings of this evaluation, in the console's order. */
  async update(warnings: readonly HealthWarning[]): Promise<Alarm[]> {
    const { store, clock, station } = this.parts;
    const now = clock.now();
    try {
      const stored = await store.listAlarms();
      if (!this.parts.recordsTransitions()) {
        this.known = stored;
      } else {
        const causes = alarmCauses(warnings);
        const step = (current: AlarmRecord[]) => stepAlarms(current, causes, now, station);
        // A snapshot is built many times a minute: write only when the alarms really change.
        const planned = step(stored);
        const { upserts, removed } = alarmRowChanges(stored, planned.alarms);
        const changed = planned.events.length + upserts.length + removed.length > 0;
        this.known = changed ? (await store.transitionAlarms(iso(now), step)).alarms : stored;
      }
    } catch (error) {
      if (!(error instanceof AuthorityUnavailableError)) throw error;
    }
    this.armExpiry(now);
    return visibleAlarms(this.known, now);
  }

  /** `by` signs the action (a signed-in person, "Sari @ ST-1"); the station when nobody is signed in. */
  acknowledge(key: string, note: string | null, by = this.parts.station): Promise<Alarm> {
    return this.act('acknowledged', key, note, by, (current, act) => acknowledgeAlarm(current, key, { ...act, note }));
  }

  shelve(key: string, minutes: number, note: string, by = this.parts.station): Promise<Alarm> {
    const until = iso(this.parts.clock.now() + minutes * 60_000);
    return this.act(`shelved for ${minutes} min`, key, note, by, (current, act) => shelveAlarm(current, key, { ...act, until, note }));
  }

  unshelve(key: string, by = this.parts.station): Promise<Alarm> {
    return this.act('unshelved', key, null, by, (current, act) => unshelveAlarm(current, key, act));
  }

  history(filter: AlarmEventFilter): Promise<AlarmEventPage> {
    return this.parts.store.listAlarmEvents(filter);
  }

  stop(): void {
    this.expiry?.cancel();
    this.expiry = null;
  }

  private async act(done: string, key: string, note: string | null, by: string, decide: (current: AlarmRecord[], act: OperatorAct) => AlarmAction): Promise<Alarm> {
    const { store, clock, station, log } = this.parts;
    const now = clock.now();
    const result = await store.transitionAlarms(iso(now), (current) => decide(current, { at: iso(now), by }));
    this.known = result.alarms;
    this.armExpiry(now);
    const who = by === station ? '' : ` by ${by}`;
    log.info(`alarm ${key} ${done}${who} at station ${station}${note ? `: ${note}` : ''}`, { alarm: key, station });
    this.parts.onChange();
    return toAlarm(result.alarm);
  }

  /** A shelve that runs out must show without anything else changing: a timer for the earliest end. */
  private armExpiry(now: number): void {
    const ends = this.known.flatMap((alarm) => (alarm.shelved ? [Date.parse(alarm.shelved.until)] : [])).filter((end) => end > now);
    const next = ends.length > 0 ? Math.min(...ends) : null;
    if (next === (this.expiry?.at ?? null)) return;
    this.stop();
    if (next === null) return;
    const cancel = this.parts.clock.setTimer(next - now, () => {
      this.expiry = null;
      this.parts.onChange();
    });
    this.expiry = { at: next, cancel };
  }
}
