import { row, type Row } from '../support/bench-result';
import { progress, runChild } from '../support/run-child';
import { roundTo } from '../support/stats';
import { deliverThroughBot, type DeliveryFigures } from './deliver-through-bot';

const SUITE = 'delivery';
const TEN_MINUTES_MS = 600_000;

/**
 * Three runs of the bot's delivery against the twin with Discord's default limits: the 300
 * alerts to 30 channels (10 each, which the bot packs), the same 300 as 5 alerts to each of 60
 * channels (under the packing threshold: one message per alert, so the global 50/s limit is what
 * binds), and a burst of 100 alerts into one channel.
 */
async function main(): Promise<{ rows: Row[]; details: Record<string, unknown> }> {
  const spread = await deliverThroughBot(30, 10);
  progress(SUITE, `300 alerts to 30 channels: ${describe(spread)}`);
  const unpacked = await deliverThroughBot(60, 5);
  progress(SUITE, `300 alerts to 60 channels: ${describe(unpacked)}`);
  const burst = await deliverThroughBot(1, 100);
  progress(SUITE, `100 alerts to one channel: ${describe(burst)}`);
  const runs = [spread, unpacked, burst];
  const sum = (pick: (f: DeliveryFigures) => number) => runs.reduce((total, f) => total + pick(f), 0);
  const invalidPerTenMinutes = (sum((f) => f.invalidRequests) / sum((f) => f.drainMs)) * TEN_MINUTES_MS;
  return {
    rows: [
      row(SUITE, '300 alerts → 30 channels (10 each, packed): all delivered after', roundTo(spread.drainMs / 1000), 's', undefined,
        `${spread.sent} messages, ${Math.round(spread.alertsPerSecond)} alerts/s; one message per alert could not beat ${(spread.unpackedIdealMs / 1000).toFixed(0)} s`),
      row(SUITE, '300 alerts → 60 channels (5 each, one message per alert): achieved ÷ allowed rate', roundTo(unpacked.efficiency * 100), '%', { op: '>=', value: 90, text: '≥ 90%' },
        `${(unpacked.makespanMs / 1000).toFixed(2)} s first→last post vs ${(unpacked.idealMakespanMs / 1000).toFixed(1)} s ideal`),
      row(SUITE, 'burst of 100 alerts into one channel: all delivered after', roundTo(burst.drainMs / 1000), 's', undefined,
        `${burst.sent} messages; ${roundTo(burst.efficiency * 100)}% of the allowed rate for them; one message each: ≥ ${(burst.unpackedIdealMs / 1000).toFixed(0)} s`),
      row(SUITE, '429s from the global limit (all runs)', sum((f) => f.global429s), 'count', { op: '<=', value: 0, text: 'none' }),
      row(SUITE, 'invalid requests (401/403/429) per 10 min', roundTo(invalidPerTenMinutes), 'per 10 min', { op: '<', value: 100, text: '< 100' },
        `${sum((f) => f.route429s)} route 429s`),
    ],
    details: { spread, unpacked, burst },
  };
}

function describe(f: DeliveryFigures): string {
  const efficiency = Number.isNaN(f.efficiency) ? 'fits the first window' : `${(f.efficiency * 100).toFixed(1)}% of ideal ${(f.idealMakespanMs / 1000).toFixed(1)} s`;
  return `${f.alerts} alerts in ${f.sent} messages, first→last post ${(f.makespanMs / 1000).toFixed(2)} s (${efficiency}), drained ${(f.drainMs / 1000).toFixed(2)} s after the poll; 429s global ${f.global429s}, route ${f.route429s}`;
}

runChild(SUITE, main);
