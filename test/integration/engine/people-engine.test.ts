/**
 * People through the real engine (issue 11): a signed-in supervisor's archive names them in the
 * archive notes and in the audit trail with the e-signature; an operator's attempt is refused.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StartedEngine } from '../../../electron/engine/start-engine';
import { hashPin } from '../../../electron/engine/people/pin-hash';
import { finishedWave } from '../../support/finished-wave';
import type { TestPlant } from '../../support/test-plant';

describe('people through the engine', () => {
  let plant: TestPlant | undefined;
  let engine: StartedEngine | undefined;
  afterEach(async () => {
    await engine?.stop();
    await plant?.stop();
    engine = plant = undefined;
  });

  it("a supervisor's signed archive names them; the operator's attempt is refused; both are in the audit trail", async () => {
    ({ plant, engine } = await finishedWave({ readBack: true }));
    const store = plant.openStore();
    const at = new Date().toISOString();
    await store.createUser({ name: 'Sari', role: 'supervisor', pinHash: await hashPin('2222'), at, by: 'test', onlyIfFirst: false });
    await store.createUser({ name: 'Budi', role: 'operator', pinHash: await hashPin('1111'), at, by: 'test', onlyIfFirst: false });
    await store.close();
    const { handlers } = engine.backend;
    const sessionOf = async (user: string, pin: string) => ({ kind: 'session' as const, token: (await handlers.signIn({ user, pin }, { kind: 'session', token: null })).token });
    const signature = { pin: '2222', meaning: 'I confirm this batch is archived without booking in Odoo', comment: 'bag split, dumped' };
    const input = { moId: 'WH/MO/00011', reason: 'batch dumped on the floor', signature };

    await expect(handlers.archiveBatch({ ...input, signature: { ...signature, pin: '1111' } }, await sessionOf('Budi', '1111'))).rejects.toThrow(
      'Archiving a batch needs a supervisor: you are signed in as operator Budi',
    );
    const archived = await handlers.archiveBatch(input, await sessionOf('Sari', '2222'));

    expect(archived.notes).toMatch(/^Archived by supervisor Sari at test-station: batch dumped on the floor — /);
    const trail = await handlers.listAudit({ pageSize: 10, action: 'archiveBatch' });
    expect(trail.items.map((line) => [line.user, line.role, line.outcome, line.target, line.signature])).toEqual([
      ['Sari', 'supervisor', 'done', 'WH/MO/00011', { meaning: signature.meaning, comment: signature.comment }],
      ['Budi', 'operator', 'refused', 'WH/MO/00011', null],
    ]);
  });
});
