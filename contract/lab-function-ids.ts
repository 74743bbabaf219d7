/**
 * Every Lambda function of the lab, by id: the handler is
 * `functions/handlers/<kebab-case id>.ts`, the deployed function
 * `vpce-lab-<Id>`, and a workflow calls it as `${<Id>FunctionArn}`. A step
 * named anywhere else (a workflow, the stack's permissions) must be one of
 * these, or it does not compile.
 */
export const LAB_FUNCTION_IDS = [
  // Build.
  'Preflight',
  'BuildConsumerNetwork',
  'LaunchConsumerInstances',
  'AwaitInstancesManaged',
  'CreateGatewayEndpoints',
  'CreateInterfaceEndpoint',
  'AwaitVpcEndpointsAvailable',
  'BuildProviderNetwork',
  'LaunchWebServers',
  'CreateLoadBalancer',
  'RegisterWebServers',
  'AwaitLoadBalancerActive',
  'CreateEndpointService',
  'AwaitEndpointServiceAvailable',
  'CreateServiceEndpoint',
  'AwaitConnectionAccepted',
  'AwaitTargetsHealthy',
  // Verification: each check typed on the private instance through SSM Run Command.
  'SendChecks',
  'CollectChecks',
  'BuildReport',
  // Guided runs: the lesson a run pauses before, the pause itself (a task token the student's `next` returns), and what the student ran.
  'OpenLesson',
  'AwaitStudent',
  'ListStudentCommands',
  // Teardown.
  'DeleteVpcEndpoints',
  'DeleteEndpointService',
  'DeleteLoadBalancer',
  'DeleteTargetGroups',
  'TerminateInstances',
  'AwaitInstancesTerminated',
  'AwaitNetworkInterfacesReleased',
  'DeleteNetworks',
  // Scheduled cleanup and the endpoint service's connection notifications (SNS).
  'DiscoverExpiredRuns',
  'AcceptConnection',
] as const;

export type LabFunctionId = (typeof LAB_FUNCTION_IDS)[number];

/** `AwaitVpcEndpointsAvailable` → `await-vpc-endpoints-available`: the handler's file name. */
export const handlerFileName = (id: LabFunctionId): string => id.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase();
