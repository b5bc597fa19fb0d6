/**
 * `npm run bench`: FINS frames and wall time of the PLC jobs — ours, the old
 * plant middleware's way and the protocol minimum — then the plant authority
 * (mirror catch-up, gate contention). Runs every section in turn and prints
 * its table; a new section is one more entry in SECTIONS.
 */
import { performance } from 'node:perf_hooks';
import { describeRun, formatSection } from './bench-report';
import type { SectionResult } from './bench-section';
import { benchBooking } from './sections/booking-section';
import { benchBridgeFlood } from './sections/bridge-flood-section';
import { benchOdooListing } from './sections/odoo-listing-section';
import { benchPlantAuthority } from './sections/plant-authority-section';
import { benchReadCycle } from './sections/read-cycle-section';
import { benchReadSlots } from './sections/read-slots-section';
import { benchRunHistory } from './sections/run-history-section';
import { benchWriteWave } from './sections/write-wave-section';

const SECTIONS: readonly (() => Promise<SectionResult>)[] = [benchWriteWave, benchReadSlots, benchReadCycle, benchPlantAuthority, benchBooking, benchBridgeFlood, benchOdooListing, benchRunHistory];

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  if (args.length > 0) {
    console.error(`npm run bench takes no arguments (got: ${args.join(' ')}); it runs every section.`);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  console.log(`${describeRun()}\n`);
  for (const section of SECTIONS) {
    const result = await section();
    console.log(`${formatSection(result)}\n`);
    if (result.kind === 'failed') process.exitCode = 1;
  }
  console.log(`Whole run: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

await main();
