import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { enteredEventOf } from '../follow/run-timeline';

/** What of a run AWS bills for. */
export interface Inventory {
  readonly interfaceEndpoints: number;
  readonly gatewayEndpoints: number;
  readonly loadBalancers: number;
  readonly instances: number;
  readonly publicAddresses: number;
}

export const NOTHING_BUILT: Inventory = { interfaceEndpoints: 0, gatewayEndpoints: 0, loadBalancers: 0, instances: 0, publicAddresses: 0 };

/** What each creating step of lab-run adds once it has succeeded, as the lab builds it (the consumer instances: one with a public address). */
export const BUILT_BY: Readonly<Record<string, Partial<Inventory>>> = {
  LaunchConsumerInstances: { instances: 2, publicAddresses: 1 },
  CreateInterfaceEndpoint: { interfaceEndpoints: 1 },
  CreateGatewayEndpoints: { gatewayEndpoints: 2 },
  CreateLoadBalancer: { loadBalancers: 1 },
  LaunchWebServers: { instances: 2, publicAddresses: 2 },
  CreateServiceEndpoint: { interfaceEndpoints: 1 },
};

/**
 * What a run really built, from its history: the creating steps whose
 * function succeeded. A step that failed is not counted: it failed at a
 * create (nothing of it billed) or after one, which its teardown removed at
 * once; a run that failed before its first create built nothing.
 */
export function builtInventory(events: readonly HistoryEvent[]): Inventory {
  const byId = new Map(events.map((event) => [event.id ?? 0, event]));
  const built = { ...NOTHING_BUILT };
  for (const event of events) {
    if (event.type !== 'LambdaFunctionSucceeded') continue;
    const adds = BUILT_BY[enteredEventOf(event, byId)?.stateEnteredEventDetails?.name ?? ''] ?? {};
    for (const [item, quantity] of Object.entries(adds) as [keyof Inventory, number][]) built[item] += quantity;
  }
  return built;
}
