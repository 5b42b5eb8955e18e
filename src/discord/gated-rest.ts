import type { REST } from 'discord.js';
import type { SendRateGate } from './send-rate-gate';

/** The REST calls the delivery path makes: posts, edits and the reads that decide them. */
export type DeliveryRest = Pick<REST, 'get' | 'post' | 'patch'>;

/**
 * `rest` with every call passing `gate`, so no request of the delivery path can slip past Discord's
 * global limit — reads included, since Discord counts them too. Without a gate, `rest` itself.
 */
export function gateRest(rest: DeliveryRest, gate: SendRateGate | undefined): DeliveryRest {
  if (!gate) return rest;
  return {
    get: (route, options) => gate.run(() => rest.get(route, options), options?.signal),
    post: (route, options) => gate.run(() => rest.post(route, options), options?.signal),
    patch: (route, options) => gate.run(() => rest.patch(route, options), options?.signal),
  };
}
