import { describe, expect, it } from 'vitest';
import type { BatchRecipe } from '../../../../shared/domain';
import { decideReconcile, type PlcWaveView } from '../../../../electron/engine/tasks/mo-sync/reconcile-decision';

const recipe = (batchNo: number, moId: string): BatchRecipe => ({
  batchNo,
  moId,
  finishedGoods: 'JF SAPOT',
  quantityKg: 1000,
  equipmentIdBatch: 'PLC01',
  components: { 103: { name: 'POLLAR', plannedKg: 300 } },
  manualAdditives: [],
});
const wave = [recipe(1, 'WH/MO/00011'), recipe(2, 'WH/MO/00012')];
const blank = Array<string>(10).fill('');
const view = (patch: Partial<PlcWaveView>): PlcWaveView => ({
  writeAreaAck: true,
  writeSlotMoIds: ['WH/MO/00011', 'WH/MO/00012', ...blank.slice(2)],
  writeSlotFlags: Array<boolean>(10).fill(false),
  readSlotMoIds: ['WH/MO/00001', 'WH/MO/00002', ...blank.slice(2)],
  ...patch,
});

describe('reconciling an interrupted wave against the PLC', () => {
  it('still writing: the PLC never got it, whatever the WRITE area holds → withdraw', () => {
    expect(decideReconcile('writing', wave, view({})).action).toBe('withdraw');
    expect(decideReconcile('writing', wave, view({ writeAreaAck: false })).action).toBe('withdraw');
  });

  it('verified and D7076 = 0: handed over, waiting for the PLC → adopt', () => {
    expect(decideReconcile('verified', wave, view({ writeAreaAck: false })).action).toBe('adopt');
  });

  it('verified and a READ slot echoes one of its MOs → the PLC took it → adopt', () => {
    const decision = decideReconcile('verified', wave, view({ readSlotMoIds: ['WH/MO/00011', ...blank.slice(1)] }));
    expect(decision).toEqual({ action: 'adopt', reason: 'the PLC has taken WH/MO/00011, WH/MO/00012; adopted into the queue' });
  });

  it('verified and the PLC set a per-slot WRITE flag → the PLC took it → adopt', () => {
    const flags = Array<boolean>(10).fill(false);
    flags[1] = true;
    expect(decideReconcile('verified', wave, view({ writeSlotFlags: flags })).action).toBe('adopt');
  });

  it("slot 1's flag is the hand-over word itself, so it is no evidence on its own", () => {
    const flags = Array<boolean>(10).fill(false);
    flags[0] = true;
    expect(decideReconcile('verified', wave, view({ writeSlotFlags: flags })).action).toBe('unconfirmed');
  });

  it('verified, D7076 = 1, no trace in the PLC → unconfirmed: nothing queued, no second hand-over, an operator decides', () => {
    expect(decideReconcile('verified', wave, view({}))).toEqual({
      action: 'unconfirmed',
      reason: 'hand-over of WH/MO/00011, WH/MO/00012 unconfirmed: the PLC shows no trace of it; an operator must hand it over or withdraw it',
    });
  });

  it('a wave already held for an operator is judged again the same way: the PLC may have taken it meanwhile', () => {
    expect(decideReconcile('unconfirmed', wave, view({})).action).toBe('unconfirmed');
    expect(decideReconcile('unconfirmed', wave, view({ readSlotMoIds: ['WH/MO/00011', ...blank.slice(1)] })).action).toBe('adopt');
    expect(decideReconcile('conflict', wave, view({ writeAreaAck: false })).action).toBe('adopt');
  });

  it('verified but the WRITE area holds something else and no trace → conflict for an operator', () => {
    const decision = decideReconcile('verified', wave, view({ writeSlotMoIds: ['WH/MO/00099', ...blank.slice(1)] }));
    expect(decision.action).toBe('conflict');
    expect(decision.reason).toContain('an operator must hand it over again or withdraw it');
  });
});
