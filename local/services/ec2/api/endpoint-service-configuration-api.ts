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
import { type Operation, operation } from '../../../protocol/service-provider';
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
import { createOnce } from './create-once';
import { describeRecords } from './describe-records';
import { DESCRIBE_PAGE, TAG_SPECIFICATIONS } from './modelled-members';
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

export function endpointServiceConfigurationOperations(context: Ec2Context): Record<string, Operation> {
  const { tables } = context;
  const requireService = (id: string | undefined) => requireOne(context, tables.endpointServices, id, 'ServiceId', endpointServiceNotFound);

  return {
    CreateVpcEndpointServiceConfiguration: operation(
      {
        NetworkLoadBalancerArns: true,
        AcceptanceRequired: true,
        ClientToken: true,
        TagSpecifications: TAG_SPECIFICATIONS,
        DryRun: true,
        // IPv4 only, as `toServiceConfiguration` reports it; Gateway Load Balancers, verified private DNS names and other Regions are not modelled.
        SupportedIpAddressTypes: ['ipv4'],
      },
      (input: CreateVpcEndpointServiceConfigurationRequest, request: RequestContext): CreateVpcEndpointServiceConfigurationResult => {
        const service = createOnce(context, tables.endpointServices, input, 'CreateVpcEndpointServiceConfiguration', endpointServiceNotFound, () =>
          createEndpointService(context, request.region, {
            loadBalancerArns: input.NetworkLoadBalancerArns ?? [],
            acceptanceRequired: input.AcceptanceRequired ?? true,
            tags: tagsFromSpecifications(input.TagSpecifications, 'vpc-endpoint-service'),
          }),
        );
        return { ServiceConfiguration: toServiceConfiguration(service), ClientToken: input.ClientToken };
      },
    ),

    DescribeVpcEndpointServiceConfigurations: operation(
      { ServiceIds: true, ...DESCRIBE_PAGE },
      (input: DescribeVpcEndpointServiceConfigurationsRequest): DescribeVpcEndpointServiceConfigurationsResult => {
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
    ),

    DeleteVpcEndpointServiceConfigurations: operation(
      { ServiceIds: true, DryRun: true },
      (input: DeleteVpcEndpointServiceConfigurationsRequest): DeleteVpcEndpointServiceConfigurationsResult => {
        if (!input.ServiceIds?.length) throw missingParameter('ServiceIds');
        const unsuccessful = eachId(input.ServiceIds, (id) => tables.endpointServices.get(id), endpointServiceNotFound, (service) => deleteEndpointService(context, service));
        return { Unsuccessful: unsuccessful };
      },
    ),

    ModifyVpcEndpointServicePermissions: operation(
      { ServiceId: true, AddAllowedPrincipals: true, RemoveAllowedPrincipals: true, DryRun: true },
      (input: ModifyVpcEndpointServicePermissionsRequest): ModifyVpcEndpointServicePermissionsResult => {
        const service = requireService(input.ServiceId);
        let added: string[] = [];
        tables.endpointServices.update(service.id, (record) => (added = changePermissions(record, input.AddAllowedPrincipals ?? [], input.RemoveAllowedPrincipals ?? [])));
        return { AddedPrincipals: added.map((principal) => toAllowedPrincipal(service, principal)), ReturnValue: true };
      },
    ),

    DescribeVpcEndpointServicePermissions: operation(
      { ServiceId: true, ...DESCRIBE_PAGE },
      (input: DescribeVpcEndpointServicePermissionsRequest): DescribeVpcEndpointServicePermissionsResult => {
        const service = requireService(input.ServiceId);
        const principals = applyFilters(
          service.allowedPrincipals.map((principal) => ({ allowed: toAllowedPrincipal(service, principal), tags: {} })),
          input.Filters,
          { principal: ({ allowed }) => allowed.Principal, 'principal-type': ({ allowed }) => allowed.PrincipalType },
        );
        const page = paginate(principals, input.MaxResults, input.NextToken, `DescribeVpcEndpointServicePermissions:${service.id}`);
        return { AllowedPrincipals: page.items.map(({ allowed }) => allowed), NextToken: page.nextToken };
      },
    ),
  };
}
