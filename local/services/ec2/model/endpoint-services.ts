import { newId } from '../../../cloud/ids';
import { awsSeconds } from '../../../../contract/latency-profile';
import type { Tags } from '../../../cloud/tags';
import { invalidParameterValue, missingParameter, ServiceError } from '../../../protocol/service-error';
import { elbv2Tables } from '../../elbv2/model/elbv2-tables';
import { forgetNotificationsOn } from './connection-notifications';
import { type Ec2Context, recordBase } from './ec2-context';
import type { EndpointServiceRecord, VpcEndpointState } from './ec2-records';
import { stableId } from './stable-ids';
import { invalidParameter } from './ec2-errors';

export const ENDPOINT_SERVICE_AVAILABLE = 'ec2.endpoint-service-available';

export const endpointServiceNotFound = (id: string): ServiceError =>
  new ServiceError('InvalidVpcEndpointServiceId.NotFound', `The VpcEndpointService Id '${id}' does not exist`);

export function registerEndpointServiceEvents(context: Ec2Context): void {
  context.runtime.scheduler.on(ENDPOINT_SERVICE_AVAILABLE, ({ id }) => {
    context.tables.endpointServices.update(id ?? '', (service) => {
      if (service.serviceState === 'Pending') service.serviceState = 'Available';
    });
  });
}

/** Endpoint states in which a connection still holds its service (what blocks deleting the service). */
const LIVE_CONNECTION_STATES: readonly VpcEndpointState[] = ['pendingAcceptance', 'pending', 'available'];

/**
 * An endpoint service in front of Network Load Balancers of this cloud. It
 * is offered in the zones its load balancers are in; besides its own
 * account, nobody may connect until principals are allowed
 * (`ModifyVpcEndpointServicePermissions`, see `admitsAccount`).
 */
export function createEndpointService(
  context: Ec2Context,
  region: string,
  options: { loadBalancerArns: readonly string[]; acceptanceRequired: boolean; tags: Tags },
): EndpointServiceRecord {
  if (options.loadBalancerArns.length === 0) throw missingParameter('NetworkLoadBalancerArns');
  const loadBalancers = elbv2Tables(context.runtime.store).loadBalancers;
  const zones = options.loadBalancerArns.flatMap((arn) => {
    const loadBalancer = loadBalancers.get(arn);
    if (!loadBalancer || loadBalancer.type !== 'network' || loadBalancer.region !== region) {
      throw invalidParameter(`The Network Load Balancer '${arn}' does not exist.`);
    }
    return loadBalancer.subnetIds.map((subnetId) => context.tables.subnets.get(subnetId)?.availabilityZone);
  });
  const id = newId('vpce-svc');
  const service: EndpointServiceRecord = {
    ...recordBase(context, id, region, options.tags),
    serviceName: `com.amazonaws.vpce.${region}.${id}`,
    serviceState: 'Pending',
    acceptanceRequired: options.acceptanceRequired,
    networkLoadBalancerArns: [...options.loadBalancerArns],
    allowedPrincipals: [],
    availabilityZones: [...new Set(zones.filter((zone): zone is string => zone !== undefined))].sort(),
    baseEndpointDnsNames: [`${id}.${region}.vpce.amazonaws.com`],
  };
  context.tables.endpointServices.put(service);
  context.runtime.scheduler.after(awsSeconds('endpointServiceAvailable'), ENDPOINT_SERVICE_AVAILABLE, { id });
  return service;
}

/** The endpoints connected to a service that still hold it, in any state short of gone or rejected. */
const liveConnections = (context: Ec2Context, serviceId: string) =>
  context.tables.vpcEndpoints.all().filter((endpoint) => endpoint.endpointServiceId === serviceId && LIVE_CONNECTION_STATES.includes(endpoint.state));

/**
 * Deletes a service configuration, or says why not: AWS refuses while an
 * endpoint is connected (pending acceptance, pending or available). Its
 * connection notifications go with it.
 */
export function deleteEndpointService(context: Ec2Context, service: EndpointServiceRecord): ServiceError | undefined {
  if (liveConnections(context, service.id).length > 0) {
    return new ServiceError('ExistingVpcEndpointConnections', `Service ${service.id} has existing active VPC Endpoint connections!`);
  }
  forgetNotificationsOn(context, service.id);
  context.tables.endpointServices.delete(service.id);
  return undefined;
}

export type PrincipalType = 'All' | 'Account' | 'User' | 'Role' | 'Service';

const PRINCIPAL_PATTERNS: readonly [PrincipalType, RegExp][] = [
  ['All', /^\*$/],
  ['Account', /^arn:aws[\w-]*:iam::\d{12}:root$/],
  ['User', /^arn:aws[\w-]*:iam::\d{12}:user\/.+$/],
  ['Role', /^arn:aws[\w-]*:iam::\d{12}:role\/.+$/],
  ['Service', /^[a-z0-9.-]+\.amazonaws\.com$/],
];

/** What kind of principal an allowed-principal entry names, as `AllowedPrincipal.PrincipalType` reports it. */
export function principalType(principal: string): PrincipalType {
  const match = PRINCIPAL_PATTERNS.find(([, pattern]) => pattern.test(principal));
  if (!match) throw invalidParameterValue(`Invalid principal: ${principal}. A principal is an IAM ARN (account root, user or role), a service principal or '*'.`);
  return match[0];
}

/** AWS gives each allowed principal of a service a permission id; derived here, so it needs no storage. */
export const servicePermissionId = (serviceId: string, principal: string): string => stableId('vpce-svc-perm', `${serviceId}/${principal}`);

/** Adds and removes allowed principals, refusing malformed ones before anything changes. */
export function changePermissions(service: EndpointServiceRecord, add: readonly string[], remove: readonly string[]): string[] {
  add.forEach(principalType);
  const added = add.filter((principal) => !service.allowedPrincipals.includes(principal));
  service.allowedPrincipals = [...service.allowedPrincipals, ...added].filter((principal) => !remove.includes(principal));
  return added;
}

/**
 * Whether a caller of `accountId` may see and connect to the service. The
 * account that owns it always may, with no allowed principal: Terraform's
 * acceptance tests, run against AWS, create an endpoint service without
 * `allowed_principals` and, from the same account, connect an endpoint to it
 * (`TestAccVPCEndpoint_interfaceNonAWSServiceAcceptOnCreate`,
 * hashicorp/terraform-provider-aws internal/service/ec2/vpc_endpoint_test.go)
 * and find it with DescribeVpcEndpointServices by name, by `service-name`
 * filter and by tag (`TestAccVPCEndpointServiceDataSource_custom`,
 * `_Custom_filter`, `_CustomFilter_tags`, same repository,
 * internal/service/ec2/vpc_endpoint_service_data_source_test.go). Any other
 * account needs an allowed principal of its own, or `*` ("Manage
 * permissions", https://docs.aws.amazon.com/vpc/latest/privatelink/modify-endpoint-service.html).
 * The local cloud cannot tell which IAM identity of that account is calling,
 * so any principal of the account (its root, a user or a role) admits it.
 */
export const admitsAccount = (service: EndpointServiceRecord, accountId: string): boolean =>
  service.ownerId === accountId || service.allowedPrincipals.some((principal) => principal === '*' || principal.split(':')[4] === accountId);
