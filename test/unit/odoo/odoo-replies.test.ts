import { describe, expect, it } from 'vitest';
import {
  cancelReplySchema,
  consumptionReplySchema,
  equipmentFailureReplySchema,
  healthReplySchema,
  markDoneReplySchema,
  moListReplySchema,
  parseReplyText,
  sessionInfoSchema,
  type ReplyResult,
} from '../../../electron/odoo/odoo-replies';
import {
  ACCESS_DENIED_ERROR,
  CANCEL_ALREADY,
  CANCEL_DONE_ERROR,
  CANCEL_SUCCESS,
  CONSUMPTION_MO_NOT_FOUND,
  CONSUMPTION_PARTIAL,
  CONSUMPTION_SUCCESS,
  FAILURE_REPORTED,
  MARK_DONE_SUCCESS,
  MINIMAL_MO,
  MO_LIST_BARE,
  MO_LIST_WRAPPED,
  SERVER_ERROR,
  SESSION_EXPIRED_ERROR,
  SESSION_INFO,
  wrapped,
} from '../../support/odoo-captured-replies';

function value<T>(result: ReplyResult<T>): T {
  if (!result.ok) throw new Error(`expected a parsed reply, got ${result.kind}: ${result.detail}`);
  return result.value;
}

function failure<T>(result: ReplyResult<T>): { kind: string; detail: string } {
  if (result.ok) throw new Error('expected the reply to be rejected');
  return { kind: result.kind, detail: result.detail };
}

/** The captured list with one field of the MO replaced. */
function listWithMo(change: (mo: Record<string, unknown>) => void): string {
  const mo = JSON.parse(MINIMAL_MO) as Record<string, unknown>;
  change(mo);
  return wrapped(JSON.stringify({ status: 'success', count: 1, data: [mo] }));
}

describe('mo-list-detailed reply', () => {
  it('reads the captured wrapped reply and the bare form alike', () => {
    const fromWrapped = value(parseReplyText(MO_LIST_WRAPPED, moListReplySchema));
    expect(value(parseReplyText(MO_LIST_BARE, moListReplySchema))).toEqual(fromWrapped);

    const [mo] = fromWrapped.data;
    expect(mo).toMatchObject({ mo_id: 'WH/MO/00011', state: 'confirmed', product_name: '[10092] JF SAPOT 1B', quantity: 1000 });
    expect(mo?.equipment).toEqual({ code: 'PLC01', name: 'Main PLC' });
    expect(mo?.components_consumption.map((c) => [c.product_name, c.to_consume, c.equipment?.code])).toEqual([
      ['[40025] POLLAR ANGSA', 300, 'silo103'],
      ['[40018] TETES', 40, 'lq114'],
      ['[40022] GARAM', 2.5, 'PLC01'],
    ]);
  });

  it("tolerates Odoo's false for empty scalars and drops fields the app does not use", () => {
    const text = listWithMo((mo) => {
      mo.equipment = false;
      const [first] = mo.components_consumption as Record<string, unknown>[];
      if (!first) throw new Error('fixture has components');
      first.to_consume = false;
      first.consumed = 12.5;
      first.equipment = { id: 5, code: 'silo103', name: false };
    });
    const [mo] = value(parseReplyText(text, moListReplySchema)).data;
    expect(mo?.equipment).toBeNull();
    expect(mo?.components_consumption[0]).toMatchObject({ to_consume: null, consumed: 12.5, equipment: { code: 'silo103', name: '' } });
    expect(mo).not.toHaveProperty('bom_code');
    expect(mo).not.toHaveProperty('reference');
  });

  it('keeps float noise as the number Odoo sent (the mapping rounds it)', () => {
    const text = listWithMo((mo) => {
      const [first] = mo.components_consumption as Record<string, unknown>[];
      if (first) first.to_consume = 52.300000000000004;
    });
    expect(value(parseReplyText(text, moListReplySchema)).data[0]?.components_consumption[0]?.to_consume).toBe(52.300000000000004);
  });

  it('names the field and the MO when a used field is malformed', () => {
    const result = failure(parseReplyText(listWithMo((mo) => (mo.quantity = '1000')), moListReplySchema));
    expect(result.kind).toBe('shape');
    expect(result.detail).toContain('data[0].quantity (MO WH/MO/00011): expected number, received string');

    const noId = failure(parseReplyText(listWithMo((mo) => delete mo.mo_id), moListReplySchema));
    expect(noId.detail).toContain('data[0].mo_id');
  });

  it('reports a reply without data as a shape problem naming the field', () => {
    const result = failure(parseReplyText(wrapped('{"status":"success","count":0}'), moListReplySchema));
    expect(result).toEqual({ kind: 'shape', detail: expect.stringContaining('data: expected array, received undefined') });
  });
});

describe('SCADA status envelope', () => {
  it('turns status "error" into a scada failure carrying Odoo\'s message, wrapped or bare', () => {
    for (const text of [CONSUMPTION_MO_NOT_FOUND, wrapped(CONSUMPTION_MO_NOT_FOUND)]) {
      expect(failure(parseReplyText(text, consumptionReplySchema))).toEqual({
        kind: 'scada',
        detail: 'Odoo says "Manufacturing Order "WH/MO/99999" not found"',
      });
    }
  });

  it('recognises a status error about the session as an expired session', () => {
    const text = wrapped('{"status":"error","message":"Session expired, please log in again"}');
    expect(failure(parseReplyText(text, moListReplySchema)).kind).toBe('session-expired');
  });

  it('accepts "ok" as well as "success" for business calls, and only refuses "error" on a health probe', () => {
    expect(value(parseReplyText('{"status":"ok","message":"done"}', markDoneReplySchema)).message).toBe('done');
    expect(failure(parseReplyText('{"status":"healthy"}', healthReplySchema)).kind).toBe('scada');
    expect(value(parseReplyText('{"status":"healthy"}', healthReplySchema, 'anything-but-error')).status).toBe('healthy');
    expect(failure(parseReplyText('{"status":"error","message":"db down"}', healthReplySchema, 'anything-but-error')).kind).toBe('scada');
  });
});

describe('JSON-RPC errors', () => {
  it('recognises the expired session separately', () => {
    expect(failure(parseReplyText(SESSION_EXPIRED_ERROR, moListReplySchema))).toEqual({
      kind: 'session-expired',
      detail: 'session expired ("Session expired")',
    });
  });

  it('recognises access denied as an authentication failure', () => {
    expect(failure(parseReplyText(ACCESS_DENIED_ERROR, sessionInfoSchema)).kind).toBe('auth');
  });

  it("reports any other server error with Odoo's data.message", () => {
    expect(failure(parseReplyText(SERVER_ERROR, moListReplySchema))).toEqual({
      kind: 'rpc',
      detail: `server error "'mo_id'" (builtins.KeyError)`,
    });
  });
});

describe('not JSON at all', () => {
  it('quotes the start of an HTML page, and says when the reply is empty', () => {
    const html = failure(parseReplyText('<html>\n  <body>502 Bad Gateway</body></html>', moListReplySchema));
    expect(html).toEqual({ kind: 'garbage', detail: 'reply is not JSON: "<html> <body>502 Bad Gateway</body></html>"' });
    expect(failure(parseReplyText('', moListReplySchema))).toEqual({ kind: 'garbage', detail: 'empty reply (not JSON)' });
  });
});

describe('update-with-consumptions reply', () => {
  it('reads the consumed items of a success', () => {
    const reply = value(parseReplyText(CONSUMPTION_SUCCESS, consumptionReplySchema));
    expect(reply.errors).toEqual([]);
    expect(reply.mo_state).toBe('progress');
    expect(reply.consumed_items).toEqual([{ equipment_code: 'silo101', equipment_name: 'SILO A', applied_qty: 825 }]);
  });

  it('still reads a booked update whose details look odd, so a booking is never mistaken for a failure (Q5)', () => {
    const odd = '{"status":"success","message":false,"consumed_items":[{"equipment_code":"silo101","applied_qty":false},"??"],"errors":false}';
    const reply = value(parseReplyText(odd, consumptionReplySchema));
    expect(reply.errors).toEqual([]);
    expect(reply.consumed_items).toEqual([
      { equipment_code: 'silo101', equipment_name: '', applied_qty: null },
      { equipment_code: '', equipment_name: '', applied_qty: null },
    ]);
    const objectErrors = value(parseReplyText('{"status":"success","errors":[{"code":"silo999","reason":"not found"}]}', consumptionReplySchema));
    expect(objectErrors.errors).toEqual(['{"code":"silo999","reason":"not found"}']);
  });

  it('keeps the errors of a partial update (status is still "success")', () => {
    const reply = value(parseReplyText(wrapped(CONSUMPTION_PARTIAL), consumptionReplySchema));
    expect(reply.errors).toEqual(['silo999: Equipment not found', 'silo888: No raw material move found for this equipment']);
  });
});

describe('cancel, mark-done, equipment-failure and session replies', () => {
  it('unwraps a wrapped cancel reply (pitfall P21) and reads "already cancelled"', () => {
    expect(value(parseReplyText(wrapped(CANCEL_SUCCESS), cancelReplySchema))).toEqual({
      status: 'success',
      message: 'Manufacturing order cancelled successfully',
      mo_state: 'cancel',
    });
    expect(value(parseReplyText(CANCEL_ALREADY, cancelReplySchema)).message).toBe('Manufacturing order already cancelled');
    expect(failure(parseReplyText(wrapped(CANCEL_DONE_ERROR), cancelReplySchema)).detail).toContain('in state "done"');
  });

  it('reads mark-done and the created failure report', () => {
    expect(value(parseReplyText(MARK_DONE_SUCCESS, markDoneReplySchema)).message).toBe('Manufacturing order marked as done');
    expect(value(parseReplyText(wrapped(FAILURE_REPORTED), equipmentFailureReplySchema)).data?.id).toBe(1);
  });

  it('reads the uid of the session info, and false as "no user"', () => {
    expect(value(parseReplyText(SESSION_INFO, sessionInfoSchema)).uid).toBe(2);
    expect(value(parseReplyText(wrapped('{"uid":false}'), sessionInfoSchema)).uid).toBeNull();
  });
});
