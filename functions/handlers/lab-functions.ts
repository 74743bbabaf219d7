/**
 * Every Lambda function of the lab, in one list: the local Step Functions
 * runtime loads `entry` and calls its `handler`; the CDK app bundles `entry`.
 * The ASL files refer to a function as `${<id>FunctionArn}`.
 */
export interface LabFunction {
  /** PascalCase id; the handler file is its kebab-case under functions/handlers/. */
  readonly id: string;
  /** Path of the handler module from the repository root. */
  readonly entry: string;
  /** Sized to the step: the longest AWS call sequence it makes, with retries. */
  readonly timeoutSeconds: number;
}

export const LAB_FUNCTIONS: readonly LabFunction[] = [
  // Build, in the order of statemachine/lab-run.asl.json: each creates idempotently (ClientToken or find-or-create by tags).
  { id: 'Preflight', entry: 'functions/handlers/preflight.ts', timeoutSeconds: 30 },
  { id: 'BuildConsumerNetwork', entry: 'functions/handlers/build-consumer-network.ts', timeoutSeconds: 90 },
  { id: 'LaunchConsumerInstances', entry: 'functions/handlers/launch-consumer-instances.ts', timeoutSeconds: 30 },
  { id: 'CreateManagementEndpoints', entry: 'functions/handlers/create-management-endpoints.ts', timeoutSeconds: 60 },
  { id: 'AwaitInstancesManaged', entry: 'functions/handlers/await-instances-managed.ts', timeoutSeconds: 30 },
  { id: 'CreateGatewayEndpoints', entry: 'functions/handlers/create-gateway-endpoints.ts', timeoutSeconds: 30 },
  { id: 'CreateInterfaceEndpoint', entry: 'functions/handlers/create-interface-endpoint.ts', timeoutSeconds: 30 },
  { id: 'AwaitVpcEndpointsAvailable', entry: 'functions/handlers/await-vpc-endpoints-available.ts', timeoutSeconds: 30 },
  { id: 'BuildProviderNetwork', entry: 'functions/handlers/build-provider-network.ts', timeoutSeconds: 60 },
  { id: 'LaunchWebServers', entry: 'functions/handlers/launch-web-servers.ts', timeoutSeconds: 30 },
  { id: 'CreateLoadBalancer', entry: 'functions/handlers/create-load-balancer.ts', timeoutSeconds: 60 },
  { id: 'RegisterWebServers', entry: 'functions/handlers/register-web-servers.ts', timeoutSeconds: 30 },
  { id: 'AwaitLoadBalancerActive', entry: 'functions/handlers/await-load-balancer-active.ts', timeoutSeconds: 30 },
  { id: 'CreateEndpointService', entry: 'functions/handlers/create-endpoint-service.ts', timeoutSeconds: 30 },
  { id: 'AwaitEndpointServiceAvailable', entry: 'functions/handlers/await-endpoint-service-available.ts', timeoutSeconds: 30 },
  { id: 'CreateServiceEndpoint', entry: 'functions/handlers/create-service-endpoint.ts', timeoutSeconds: 30 },
  { id: 'AwaitConnectionAccepted', entry: 'functions/handlers/await-connection-accepted.ts', timeoutSeconds: 30 },
  { id: 'AwaitTargetsHealthy', entry: 'functions/handlers/await-targets-healthy.ts', timeoutSeconds: 30 },
  // Verification: each check typed on the private instance through SSM Run Command.
  { id: 'SendChecks', entry: 'functions/handlers/send-checks.ts', timeoutSeconds: 30 },
  { id: 'CollectChecks', entry: 'functions/handlers/collect-checks.ts', timeoutSeconds: 30 },
  { id: 'BuildReport', entry: 'functions/handlers/build-report.ts', timeoutSeconds: 10 },
  // Teardown, in the order of statemachine/teardown.asl.json: each finds the run's resources by their tags.
  { id: 'DeleteVpcEndpoints', entry: 'functions/handlers/delete-vpc-endpoints.ts', timeoutSeconds: 30 },
  { id: 'DeleteEndpointService', entry: 'functions/handlers/delete-endpoint-service.ts', timeoutSeconds: 60 },
  { id: 'DeleteLoadBalancer', entry: 'functions/handlers/delete-load-balancer.ts', timeoutSeconds: 60 },
  { id: 'DeleteTargetGroups', entry: 'functions/handlers/delete-target-groups.ts', timeoutSeconds: 60 },
  { id: 'TerminateInstances', entry: 'functions/handlers/terminate-instances.ts', timeoutSeconds: 30 },
  { id: 'AwaitInstancesTerminated', entry: 'functions/handlers/await-instances-terminated.ts', timeoutSeconds: 30 },
  { id: 'AwaitNetworkInterfacesReleased', entry: 'functions/handlers/await-network-interfaces-released.ts', timeoutSeconds: 30 },
  { id: 'DeleteNetworks', entry: 'functions/handlers/delete-networks.ts', timeoutSeconds: 90 },
  // Scheduled cleanup and the endpoint service's connection notifications (SNS).
  { id: 'DiscoverExpiredRuns', entry: 'functions/handlers/discover-expired-runs.ts', timeoutSeconds: 60 },
  { id: 'AcceptConnection', entry: 'functions/handlers/accept-connection.ts', timeoutSeconds: 30 },
];

export const functionArnPlaceholder = (id: string): string => `${id}FunctionArn`;
