import type {
  AllowedPrincipal,
  CreateVpcEndpointServiceConfigurationRequest,
  CreateVpcEndpointServiceConfigurationResult,
  DeleteVpcEndpointServiceConfigurationsRequest,
  DeleteVpcEndpointServiceConfigurationsResult,
  DescribeVpcEndpointServiceConfigurationsRequest,
  DescribeVpcEndpointServiceConfigurationsResult,
  DescribeVpcEndpointServicePermissionsRequest,
  DescribeVpcEndpointServicePermissionsResult,
  ModifyVpcEndpointServicePermissionsRequest,
  ModifyVpcEndpointServicePermissionsResult,
  ServiceConfiguration,
} from '@aws-sdk/client-ec2';
import { applyFilters } from '../../../cloud/filters';
import { paginate } from '../../../cloud/pagination';
import { tagsFromSpecifications } from '../../../cloud/tags';
import type { RequestContext } from '../../../protocol/http-answer';
import { missingParameter } from '../../../protocol/service-error';
import type { OperationHandler } from '../../../protocol/service-provider';
import { type Ec2Context, requireOne } from '../model/ec2-context';
import type { EndpointServiceRecord } from '../model/ec2-records';
import {
  changePermissions,
  createEndpointService,
  deleteEndpointService,
  endpointServiceNotFound,
  principalType,
  servicePermissionId,
} from '../model/endpoint-services';
import { invalidParameter } from '../model/vpc-endpoint-rules';
import { createOnce } from './create-once';
import { describeRecords } from './describe-records';
import { requireWellFormedIds } from './resource-ids';
import { tagSet } from './tag-set';
import { eachId } from './unsuccessful-items';
import { zoneIdsOf } from './vpc-endpoint-service-api';

const toServiceConfiguration = (service: EndpointServiceRecord): ServiceConfiguration => ({
  ServiceType: [{ ServiceType: 'Interface' }],
  ServiceId: service.id,
  ServiceName: service.serviceName,
  ServiceState: service.serviceState,
  AvailabilityZones: service.availabilityZones,
  AvailabilityZoneIds: zoneIdsOf(service.region, service.availabilityZones),
  AcceptanceRequired: service.acceptanceRequired,
  ManagesVpcEndpoints: false,
  NetworkLoadBalancerArns: service.networkLoadBalancerArns,
  GatewayLoadBalancerArns: [],
  SupportedIpAddressTypes: ['ipv4'],
  BaseEndpointDnsNames: service.baseEndpointDnsNames,
  SupportedRegions: [{ Region: service.region, ServiceState: 'Available' }],
  RemoteAccessEnabled: false,
  Tags: tagSet(service.tags),
});

const toAllowedPrincipal = (service: EndpointServiceRecord, principal: string): AllowedPrincipal => ({
  PrincipalType: principalType(principal),
  Principal: principal,
  ServicePermissionId: servicePermissionId(service.id, principal),
  ServiceId: service.id,
});

/** Parameters for what this cloud does not model (Gateway Load Balancers, verified private DNS names) are refused, not ignored. */
function refuseUnmodelled(input: CreateVpcEndpointServiceConfigurationRequest): void {
  if ((input.GatewayLoadBalancerArns?.length ?? 0) > 0) throw invalidParameter('This cloud offers endpoint services on Network Load Balancers only.');
  if (input.PrivateDnsName !== undefined) throw invalidParameter('This cloud does not verify private DNS names of endpoint services.');
}

export function endpointServiceConfigurationOperations(context: Ec2Context): Record<string, OperationHandler> {
  const { tables } = context;
  const requireService = (id: string | undefined) => requireOne(context, tables.endpointServices, id, 'ServiceId', endpointServiceNotFound);

  return {
    CreateVpcEndpointServiceConfiguration: (input: CreateVpcEndpointServiceConfigurationRequest, request: RequestContext): CreateVpcEndpointServiceConfigurationResult => {
      const service = createOnce(context, tables.endpointServices, input, 'CreateVpcEndpointServiceConfiguration', endpointServiceNotFound, () => {
        refuseUnmodelled(input);
        return createEndpointService(context, request.region, {
          loadBalancerArns: input.NetworkLoadBalancerArns ?? [],
          acceptanceRequired: input.AcceptanceRequired ?? true,
          tags: tagsFromSpecifications(input.TagSpecifications, 'vpc-endpoint-service'),
        });
      });
      return { ServiceConfiguration: toServiceConfiguration(service), ClientToken: input.ClientToken };
    },

    DescribeVpcEndpointServiceConfigurations: (input: DescribeVpcEndpointServiceConfigurationsRequest): DescribeVpcEndpointServiceConfigurationsResult => {
      requireWellFormedIds(input.ServiceIds, 'vpce-svc', 'InvalidVpcEndpointServiceId.Malformed');
      const page = describeRecords(context, input, {
        table: tables.endpointServices,
        ids: input.ServiceIds,
        missing: endpointServiceNotFound,
        listing: 'DescribeVpcEndpointServiceConfigurations',
        fields: {
          'service-name': (service) => service.serviceName,
          'service-id': (service) => service.id,
          'service-state': (service) => service.serviceState,
          'supported-ip-address-types': () => 'ipv4',
        },
      });
      return { ServiceConfigurations: page.items.map(toServiceConfiguration), NextToken: page.nextToken };
    },

    DeleteVpcEndpointServiceConfigurations: (input: DeleteVpcEndpointServiceConfigurationsRequest): DeleteVpcEndpointServiceConfigurationsResult => {
      if (!input.ServiceIds?.length) throw missingParameter('ServiceIds');
      const unsuccessful = eachId(input.ServiceIds, (id) => tables.endpointServices.get(id), endpointServiceNotFound, (service) => deleteEndpointService(context, service));
      return { Unsuccessful: unsuccessful };
    },

    ModifyVpcEndpointServicePermissions: (input: ModifyVpcEndpointServicePermissionsRequest): ModifyVpcEndpointServicePermissionsResult => {
      const service = requireService(input.ServiceId);
      let added: string[] = [];
      tables.endpointServices.update(service.id, (record) => (added = changePermissions(record, input.AddAllowedPrincipals ?? [], input.RemoveAllowedPrincipals ?? [])));
      return { AddedPrincipals: added.map((principal) => toAllowedPrincipal(service, principal)), ReturnValue: true };
    },

    DescribeVpcEndpointServicePermissions: (input: DescribeVpcEndpointServicePermissionsRequest): DescribeVpcEndpointServicePermissionsResult => {
      const service = requireService(input.ServiceId);
      const principals = applyFilters(
        service.allowedPrincipals.map((principal) => ({ allowed: toAllowedPrincipal(service, principal), tags: {} })),
        input.Filters,
        { principal: ({ allowed }) => allowed.Principal, 'principal-type': ({ allowed }) => allowed.PrincipalType },
      );
      const page = paginate(principals, input.MaxResults, input.NextToken, `DescribeVpcEndpointServicePermissions:${service.id}`);
      return { AllowedPrincipals: page.items.map(({ allowed }) => allowed), NextToken: page.nextToken };
    },
  };
}
