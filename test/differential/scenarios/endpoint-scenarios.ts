import {
  CreateVpcEndpointCommand,
  DeleteVpcEndpointsCommand,
  DescribeNetworkInterfacesCommand,
  DescribeRouteTablesCommand,
  DescribeVpcEndpointServicesCommand,
  DescribeVpcEndpointsCommand,
  ModifyVpcEndpointCommand,
  type VpcEndpoint,
} from '@aws-sdk/client-ec2';
import { awsService, consumerNetwork, securityGroup } from './lab-topology';
import type { Run, Scenario } from './scenario';

const describeEndpoint = async (run: Run, step: string, id: string): Promise<VpcEndpoint> =>
  (await run.step(step, () => run.clients.ec2.send(new DescribeVpcEndpointsCommand({ VpcEndpointIds: [id] })))).VpcEndpoints![0]!;

/** The AWS services offered through endpoints, and gateway and interface endpoints to them. */
export const ENDPOINT_SCENARIOS: Record<string, Scenario> = {
  'AWS endpoint services': async (run) => {
    const { ec2 } = run.clients;
    const { ServiceDetails } = await run.step('DescribeVpcEndpointServices', () =>
      ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [awsService('cloudformation')] })),
    );
    const detail = ServiceDetails![0]!;
    run.observe('interface service', {
      ServiceType: detail.ServiceType![0]!.ServiceType,
      Owner: detail.Owner,
      AcceptanceRequired: String(detail.AcceptanceRequired),
      PrivateDnsName: detail.PrivateDnsName,
    });
    const gateways = await run.step('DescribeVpcEndpointServices gateways', () =>
      ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [awsService('s3')], Filters: [{ Name: 'service-type', Values: ['Gateway'] }] })),
    );
    run.observe('gateway service', { ServiceType: gateways.ServiceDetails![0]!.ServiceType![0]!.ServiceType });
  },

  'gateway endpoint': async (run) => {
    const { ec2 } = run.clients;
    const network = await consumerNetwork(run);
    const { RouteTables } = await run.step('DescribeRouteTables main', () =>
      ec2.send(new DescribeRouteTablesCommand({ Filters: [{ Name: 'vpc-id', Values: [network.vpcId] }, { Name: 'association.main', Values: ['true'] }] })),
    );
    const mainRouteTableId = RouteTables![0]!.RouteTableId!;
    const { VpcEndpoint } = await run.step('CreateVpcEndpoint', () =>
      ec2.send(new CreateVpcEndpointCommand({ VpcId: network.vpcId, VpcEndpointType: 'Gateway', ServiceName: awsService('s3'), RouteTableIds: [mainRouteTableId] })),
    );
    const endpointId = VpcEndpoint!.VpcEndpointId!;
    run.settle();
    run.observe('state once settled', { State: (await describeEndpoint(run, 'DescribeVpcEndpoints', endpointId)).State });
    const routes = await run.step('DescribeRouteTables with the endpoint', () => ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [mainRouteTableId] })));
    run.note('prefix-list route', routes.RouteTables![0]!.Routes!.find((route) => route.DestinationPrefixListId !== undefined));
    await run.step('ModifyVpcEndpoint', () => ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpointId, AddRouteTableIds: [network.publicRouteTableId] })));
    const modified = await describeEndpoint(run, 'DescribeVpcEndpoints after ModifyVpcEndpoint', endpointId);
    run.observe('route tables after ModifyVpcEndpoint', { count: String(modified.RouteTableIds!.length) });
    const added = await run.step('DescribeRouteTables added by ModifyVpcEndpoint', () => ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [network.publicRouteTableId] })));
    run.note('prefix-list route added by ModifyVpcEndpoint', added.RouteTables![0]!.Routes!.find((route) => route.DestinationPrefixListId !== undefined));
    await run.outcome('DeleteVpcEndpoints', () => ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })));
  },

  'interface endpoint': async (run) => {
    const { ec2 } = run.clients;
    const network = await consumerNetwork(run);
    const httpsGroupId = await securityGroup(run, 'endpoints', network.vpcId, [443], network.cidr);
    const { VpcEndpoint } = await run.step('CreateVpcEndpoint', () =>
      ec2.send(
        new CreateVpcEndpointCommand({
          VpcId: network.vpcId,
          VpcEndpointType: 'Interface',
          ServiceName: awsService('cloudformation'),
          SubnetIds: [network.privateSubnetId],
          SecurityGroupIds: [httpsGroupId],
          PrivateDnsEnabled: true,
        }),
      ),
    );
    const endpointId = VpcEndpoint!.VpcEndpointId!;
    run.observe('state on create', { State: VpcEndpoint!.State });
    run.settle();
    const endpoint = await describeEndpoint(run, 'DescribeVpcEndpoints', endpointId);
    run.observe('state once settled', { State: endpoint.State, PrivateDnsEnabled: String(endpoint.PrivateDnsEnabled) });
    const { NetworkInterfaces } = await run.step('DescribeNetworkInterfaces', () =>
      ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: endpoint.NetworkInterfaceIds })),
    );
    run.observe("endpoint's interface", { InterfaceType: NetworkInterfaces![0]!.InterfaceType, RequesterManaged: String(NetworkInterfaces![0]!.RequesterManaged) });
    const webGroupId = await securityGroup(run, 'web', network.vpcId, [80], network.cidr);
    await run.step('ModifyVpcEndpoint', () => ec2.send(new ModifyVpcEndpointCommand({ VpcEndpointId: endpointId, AddSecurityGroupIds: [webGroupId] })));
    const modified = await describeEndpoint(run, 'DescribeVpcEndpoints after ModifyVpcEndpoint', endpointId);
    run.observe('groups after ModifyVpcEndpoint', { count: String(modified.Groups!.length) });
    await run.step('DeleteVpcEndpoints', () => ec2.send(new DeleteVpcEndpointsCommand({ VpcEndpointIds: [endpointId] })));
  },
};
