/** What the reports view shows: one of the plant's shifts of a day, or a period of the operator's choosing. */
import { productionDay, shiftAt, shiftPeriod, type Period, type Shift } from './shift-range';

export type ReportChoice = { mode: 'shift'; day: string; shift: Shift } | { mode: 'custom'; from: string; to: string };

export function currentShiftChoice(now: Date): ReportChoice {
  return { mode: 'shift', ...shiftAt(now) };
}

/** The report covers the chosen shift or period. */
export function reportPeriod(choice: ReportChoice): Period {
  return choice.mode === 'shift' ? shiftPeriod(choice.day, choice.shift) : { from: choice.from, to: choice.to };
}

/** The chart shows the shift beside the day's other two, so a shift is seen against its neighbours. */
export function chartPeriod(choice: ReportChoice): Period {
  return choice.mode === 'shift' ? productionDay(choice.day) : { from: choice.from, to: choice.to };
}
