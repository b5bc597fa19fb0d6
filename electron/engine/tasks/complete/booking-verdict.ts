/**
 * Did Odoo book a consumption push whose reply never arrived? The plant's
 * update-with-consumptions is treated as NOT idempotent (decision Q5), so a
 * resend after a lost reply could book the batch twice. Instead, the MO's
 * consumed quantities are read (mo-detail) before the first send and again
 * after the doubt: moved by exactly our amounts → booked; unmoved → not
 * booked, safe to send; anything else → an operator must look.
 */
import type { OdooMo } from '../../../odoo/odoo-replies';

/** Odoo rounds to its own precision; the PLC reports to 0.01 kg. */
const TOLERANCE_KG = 0.011;

export type BookingVerdict = 'booked' | 'not-booked' | 'unclear';

/** Consumed kg per equipment code of an MO (components on one equipment add up). */
export function consumedByEquipment(mo: OdooMo): Record<string, number> {
  const consumed: Record<string, number> = {};
  for (const component of mo.components_consumption) {
    const code = component.equipment?.code;
    if (!code) continue;
    consumed[code] = (consumed[code] ?? 0) + (component.consumed ?? 0);
  }
  return consumed;
}

/** `sent` holds only the equipment keys of the payload (no mo_id, no finished weight). */
export function bookingVerdict(baseline: Record<string, number>, now: Record<string, number>, sent: Record<string, number>): BookingVerdict {
  const deltas = Object.entries(sent).map(([code, kg]) => ({ moved: (now[code] ?? 0) - (baseline[code] ?? 0), kg }));
  if (deltas.every((d) => Math.abs(d.moved - d.kg) <= TOLERANCE_KG)) return 'booked';
  if (deltas.every((d) => Math.abs(d.moved) <= TOLERANCE_KG)) return 'not-booked';
  return 'unclear';
}
