import { ServiceError } from '../../../protocol/service-error';
import { awsOfferingsNamed, type OfferedAwsService, type EndpointType } from './aws-endpoint-services';
import type { Ec2Context } from './ec2-context';
import type { EndpointServiceRecord } from './ec2-records';
import { admitsAccount } from './endpoint-services';
import { invalidParameter } from './ec2-errors';

/** What an endpoint connects to: an AWS service, or an endpoint service of this cloud. */
export type EndpointTarget = { readonly kind: 'aws'; readonly offering: OfferedAwsService } | { readonly kind: 'service'; readonly service: EndpointServiceRecord };

/** EC2 answers the same for a service that does not exist and one the caller may not use. */
export const serviceNameNotFound = (serviceName: string): ServiceError =>
  new ServiceError('InvalidServiceName', `The Vpc Endpoint Service '${serviceName}' does not exist`);

/**
 * The endpoint services of this cloud a caller of `accountId` can see
 * (DescribeVpcEndpointServices) and connect to (CreateVpcEndpoint):
 * available, and its own or admitting it (`admitsAccount` says why the
 * owner needs no allowed principal for either).
 */
export const visibleEndpointServices = (context: Ec2Context, region: string, accountId: string): EndpointServiceRecord[] =>
  context.tables.endpointServices.all().filter((service) => service.region === region && service.serviceState === 'Available' && admitsAccount(service, accountId));

const unsupportedType = (serviceName: string, type: EndpointType): ServiceError =>
  invalidParameter(`The Vpc Endpoint Service '${serviceName}' does not support the VPC endpoint type ${type}.`);

/** Resolves `ServiceName` + `VpcEndpointType` of CreateVpcEndpoint, refusing what EC2 refuses. */
export function resolveEndpointTarget(context: Ec2Context, region: string, accountId: string, serviceName: string, type: EndpointType): EndpointTarget {
  const offerings = awsOfferingsNamed(region, serviceName);
  if (offerings.length > 0) {
    const offering = offerings.find((candidate) => candidate.type === type);
    if (!offering) throw unsupportedType(serviceName, type);
    return { kind: 'aws', offering };
  }
  const service = visibleEndpointServices(context, region, accountId).find((candidate) => candidate.serviceName === serviceName);
  if (!service) throw serviceNameNotFound(serviceName);
  if (type !== 'Interface') throw unsupportedType(serviceName, type);
  return { kind: 'service', service };
}
