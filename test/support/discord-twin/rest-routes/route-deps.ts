import type { Gateway } from '../gateway';
import type { InteractionBroker } from '../interactions';
import type { TwinState } from '../state';

/** What the REST route modules share; built once in startDiscordTwin. */
export interface RouteDeps {
  state: TwinState;
  gateway: Gateway;
  interactions: InteractionBroker;
  gatewayUrl(): string;
}
