import { describe, expect, it } from 'vitest';
import { describeSyncFailure, describeSyncOutcome, describeTrigger } from '../../../renderer/state/sync-outcome';
import { runRecord as run } from '../../support/run-record';
import { inLanguage } from './i18n-fixture';

const en = inLanguage('en');
const id = inLanguage('id');

const wave = (count: number) => Array.from({ length: count }, (_, i) => `WH/MO/${String(11 + i).padStart(5, '0')}`);

describe('describeSyncOutcome', () => {
  it.each([
    [run({ outcome: 'fetched', moIds: wave(10) }), 'Fetched 10 MOs (WH/MO/00011 …)'],
    [run({ outcome: 'fetched', moIds: wave(2) }), 'Fetched 2 MOs (WH/MO/00011, WH/MO/00012)'],
    [run({ outcome: 'fetched', moIds: wave(1) }), 'Fetched 1 MO (WH/MO/00011)'],
    [run({ outcome: 'skipped', queueCount: 4, reason: 'waiting for PLC' }), 'Skipped: 4 batches are still in the queue'],
    [run({ outcome: 'skipped', queueCount: 1 }), 'Skipped: 1 batch is still in the queue'],
    [run({ outcome: 'skipped', queueCount: 0, reason: 'PLC handshake D7076 says the WRITE area is busy' }), 'Skipped: A technical message from the PLC link, for the engineer'],
    [run({ outcome: 'busy', reason: 'lock held by station L2' }), 'Busy: another sync is running'],
    [run({ outcome: 'empty', reason: 'Odoo listed no MO' }), 'Nothing to fetch'],
    [run({ outcome: 'error', reason: 'PLC read-back of slot 3 differs' }), 'Failed: PLC read-back of slot 3 differs'],
    [run({ outcome: 'recovered', reason: 'wave of 3 MOs found in the PLC after a restart' }), 'Recovered: wave of 3 MOs found in the PLC after a restart'],
  ])('%#: says %s', (record, text) => {
    expect(describeSyncOutcome(record, en).text).toBe(text);
  });

  it('marks good news, waiting and failure differently', () => {
    expect(describeSyncOutcome(run({ outcome: 'fetched', moIds: wave(3) }), en).tone).toBe('good');
    expect(describeSyncOutcome(run({ outcome: 'skipped', queueCount: 3 }), en).tone).toBe('neutral');
    expect(describeSyncOutcome(run({ outcome: 'error', reason: 'x' }), en).tone).toBe('bad');
  });

  it('turns a failed call into its reason', () => {
    expect(describeSyncFailure('connection to the engine lost', en.t)).toEqual({ tone: 'bad', text: 'Failed: connection to the engine lost' });
  });
});

describe('in Bahasa Indonesia', () => {
  it('says what the gate did, translating the engine\'s reason where it is known', () => {
    expect(describeSyncOutcome(run({ outcome: 'fetched', moIds: wave(10) }), id).text).toBe('10 MO diambil (WH/MO/00011 …)');
    expect(describeSyncOutcome(run({ outcome: 'skipped', queueCount: 4 }), id).text).toBe('Dilewati: 4 batch masih di antrean');
    expect(describeSyncOutcome(run({ outcome: 'skipped', queueCount: 0, reason: 'PLC has not taken the previous wave yet (D7076 = 0; slot 1 holds WH/MO/9)' }), id).text).toBe(
      'Dilewati: PLC belum mengambil gelombang sebelumnya',
    );
  });
});

describe('describeTrigger', () => {
  it('says who made the gate decide, and where', () => {
    expect(describeTrigger(run({ trigger: 'schedule', station: 'A-12' }), en.t)).toBe('by timer on A-12');
    expect(describeTrigger(run({ trigger: 'manual', station: '' }), en.t)).toBe('by Sync now');
    expect(describeTrigger(run({ trigger: 'cli', station: 'A-12' }), id.t)).toBe('oleh baris perintah di A-12');
  });
});
