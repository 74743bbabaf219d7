import { handlerFileName, LAB_FUNCTION_IDS, type LabFunctionId } from '../../contract/lab-function-ids';

/**
 * Every Lambda function of the lab: the local Step Functions runtime loads
 * `entry` and calls its `handler`; the CDK app bundles `entry`.
 */
export interface LabFunction extends ServedFunction {
  readonly id: LabFunctionId;
}

/** A function the local cloud serves as `vpce-lab-<id>`: a lab function, or a test's stand-in with an id of its own. */
export interface ServedFunction {
  readonly id: string;
  /** Path of the handler module from the repository root. */
  readonly entry: string;
  /** Sized to the step: the longest AWS call sequence it makes, with retries. */
  readonly timeoutSeconds: number;
}

/** The build steps create idempotently (ClientToken or find-or-create by tags); the teardown steps find the run's resources by their tags. */
const TIMEOUT_SECONDS: Readonly<Record<LabFunctionId, number>> = {
  Preflight: 30,
  BuildConsumerNetwork: 90,
  LaunchConsumerInstances: 30,
  AwaitInstancesManaged: 30,
  CreateGatewayEndpoints: 30,
  CreateInterfaceEndpoint: 30,
  AwaitVpcEndpointsAvailable: 30,
  BuildProviderNetwork: 60,
  LaunchWebServers: 30,
  CreateLoadBalancer: 60,
  RegisterWebServers: 30,
  AwaitLoadBalancerActive: 30,
  CreateEndpointService: 30,
  AwaitEndpointServiceAvailable: 30,
  CreateServiceEndpoint: 30,
  AwaitConnectionAccepted: 30,
  AwaitTargetsHealthy: 30,
  SendChecks: 30,
  CollectChecks: 30,
  BuildReport: 10,
  OpenLesson: 10,
  AwaitStudent: 10,
  ListStudentCommands: 30,
  DeleteVpcEndpoints: 30,
  DeleteEndpointService: 60,
  DeleteLoadBalancer: 60,
  DeleteTargetGroups: 60,
  TerminateInstances: 30,
  AwaitInstancesTerminated: 30,
  AwaitNetworkInterfacesReleased: 30,
  DeleteNetworks: 90,
  DiscoverExpiredRuns: 60,
  AcceptConnection: 30,
};

export const LAB_FUNCTIONS: readonly LabFunction[] = LAB_FUNCTION_IDS.map((id) => ({ id, entry: `functions/handlers/${handlerFileName(id)}.ts`, timeoutSeconds: TIMEOUT_SECONDS[id] }));
