import {
  AttachInternetGatewayCommand,
  CreateInternetGatewayCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  CreateVpcCommand,
  DeleteInternetGatewayCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteTagsCommand,
  DeleteVpcCommand,
  DescribeAvailabilityZonesCommand,
  DescribeInternetGatewaysCommand,
  DescribePrefixListsCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeTagsCommand,
  DescribeVpcAttributeCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  RevokeSecurityGroupIngressCommand,
} from '@aws-sdk/client-ec2';
import { amazonLinuxAmi, awsService, consumerNetwork, labInstance, runTag, securityGroup, ZONE } from './lab-topology';
import type { Scenario } from './scenario';

const vpcFilter = (vpcId: string) => [{ Name: 'vpc-id', Values: [vpcId] }];

/** VPCs, subnets, internet gateways, route tables, security groups, tags, zones and prefix lists. */
export const NETWORK_SCENARIOS: Record<string, Scenario> = {
  'VPC lifecycle': async (run) => {
    const { ec2 } = run.clients;
    const { Vpc } = await run.step('CreateVpc', () => ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: runTag('vpc') })));
    run.settle();
    const vpcId = Vpc!.VpcId!;
    const described = await run.step('DescribeVpcs', () => ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] })));
    run.observe('VPC state', { State: described.Vpcs![0]!.State });
    await run.step('DescribeVpcAttribute', () => ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' })));
    await run.step('DeleteVpc', () => ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
  },

  subnets: async (run) => {
    const { ec2 } = run.clients;
    const network = await consumerNetwork(run);
    run.settle();
    const { Subnets } = await run.step('DescribeSubnets', () => ec2.send(new DescribeSubnetsCommand({ SubnetIds: [network.privateSubnetId] })));
    run.observe('subnet state and zone', { State: Subnets![0]!.State, AvailabilityZone: Subnets![0]!.AvailabilityZone });
    await run.step('DescribeSubnets by vpc-id', () => ec2.send(new DescribeSubnetsCommand({ Filters: vpcFilter(network.vpcId) })));
    await run.outcome('DeleteVpc with subnets', () => ec2.send(new DeleteVpcCommand({ VpcId: network.vpcId })));
    await run.step('DeleteSubnet', () => ec2.send(new DeleteSubnetCommand({ SubnetId: network.privateSubnetId })));
  },

  'internet gateways': async (run) => {
    const { ec2 } = run.clients;
    const network = await consumerNetwork(run);
    const { InternetGateways } = await run.step('DescribeInternetGateways', () =>
      ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [network.internetGatewayId] })),
    );
    run.observe('attachment state', { State: InternetGateways![0]!.Attachments![0]!.State });

    const { Vpc } = await run.step('CreateVpc spare', () => ec2.send(new CreateVpcCommand({ CidrBlock: '10.2.0.0/16' })));
    const { InternetGateway } = await run.step('CreateInternetGateway spare', () => ec2.send(new CreateInternetGatewayCommand({})));
    const spare = { InternetGatewayId: InternetGateway!.InternetGatewayId!, VpcId: Vpc!.VpcId! };
    await run.step('AttachInternetGateway spare', () => ec2.send(new AttachInternetGatewayCommand(spare)));
    await run.step('DetachInternetGateway spare', () => ec2.send(new DetachInternetGatewayCommand(spare)));
    await run.step('DescribeInternetGateways detached', () => ec2.send(new DescribeInternetGatewaysCommand({ InternetGatewayIds: [spare.InternetGatewayId] })));
    await run.step('DeleteInternetGateway', () => ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: spare.InternetGatewayId })));

    const groupId = await securityGroup(run, 'instances', network.vpcId, [22], network.cidr);
    await labInstance(run, 'public', await amazonLinuxAmi(run), network.publicSubnetId, groupId, { publicIp: true });
    run.settle();
    await run.outcome('DetachInternetGateway with a mapped public address', () =>
      ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: network.internetGatewayId, VpcId: network.vpcId })),
    );
  },

  'route tables': async (run) => {
    const { ec2 } = run.clients;
    const network = await consumerNetwork(run);
    await run.step('DescribeRouteTables', () => ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [network.publicRouteTableId] })));
    const { RouteTables } = await run.step('DescribeRouteTables main', () =>
      ec2.send(new DescribeRouteTablesCommand({ Filters: [...vpcFilter(network.vpcId), { Name: 'association.main', Values: ['true'] }] })),
    );
    await run.outcome('DeleteRouteTable main', () => ec2.send(new DeleteRouteTableCommand({ RouteTableId: RouteTables![0]!.RouteTableId! })));
    await run.outcome('DeleteRouteTable associated', () => ec2.send(new DeleteRouteTableCommand({ RouteTableId: network.publicRouteTableId })));
    await run.step('DisassociateRouteTable', () => ec2.send(new DisassociateRouteTableCommand({ AssociationId: network.publicAssociationId })));
    await run.step('DeleteRoute', () => ec2.send(new DeleteRouteCommand({ RouteTableId: network.publicRouteTableId, DestinationCidrBlock: '0.0.0.0/0' })));
    await run.step('DescribeRouteTables after DeleteRoute', () => ec2.send(new DescribeRouteTablesCommand({ RouteTableIds: [network.publicRouteTableId] })));
    await run.step('DeleteRouteTable', () => ec2.send(new DeleteRouteTableCommand({ RouteTableId: network.publicRouteTableId })));
  },

  'security groups': async (run) => {
    const { ec2 } = run.clients;
    const network = await consumerNetwork(run);
    const groupId = await securityGroup(run, 'endpoints', network.vpcId, [443, 80], network.cidr);
    await run.step('DescribeSecurityGroups', () => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] })));
    const { SecurityGroups } = await run.step('DescribeSecurityGroups default', () =>
      ec2.send(new DescribeSecurityGroupsCommand({ Filters: [...vpcFilter(network.vpcId), { Name: 'group-name', Values: ['default'] }] })),
    );
    const revoked = { GroupId: groupId, IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: network.cidr }] }] };
    await run.step('RevokeSecurityGroupIngress', () => ec2.send(new RevokeSecurityGroupIngressCommand(revoked)));
    await run.step('DescribeSecurityGroups after RevokeSecurityGroupIngress', () => ec2.send(new DescribeSecurityGroupsCommand({ GroupIds: [groupId] })));
    const { GroupId: spareId } = await run.step('CreateSecurityGroup spare', () =>
      ec2.send(new CreateSecurityGroupCommand({ VpcId: network.vpcId, GroupName: 'spare', Description: 'vpce-lab spare' })),
    );
    await run.step('DeleteSecurityGroup', () => ec2.send(new DeleteSecurityGroupCommand({ GroupId: spareId })));
    await run.outcome('DeleteSecurityGroup default', () => ec2.send(new DeleteSecurityGroupCommand({ GroupId: SecurityGroups![0]!.GroupId! })));
    await labInstance(run, 'private', await amazonLinuxAmi(run), network.privateSubnetId, groupId);
    run.settle();
    await run.outcome('DeleteSecurityGroup in use', () => ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })));
  },

  tags: async (run) => {
    const { ec2 } = run.clients;
    const network = await consumerNetwork(run);
    const resources = [network.vpcId, network.privateSubnetId];
    await run.step('CreateTags', () => ec2.send(new CreateTagsCommand({ Resources: resources, Tags: [{ Key: 'Name', Value: 'vpce-lab' }] })));
    await run.step('DescribeTags', () => ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: [network.vpcId] }] })));
    await run.step('DescribeTags by key and type', () =>
      ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'key', Values: ['Name'] }, { Name: 'resource-type', Values: ['subnet'] }, { Name: 'resource-id', Values: resources }] })),
    );
    const { Vpcs } = await run.step('DescribeVpcs by tag', () => ec2.send(new DescribeVpcsCommand({ Filters: [{ Name: 'tag:Name', Values: ['vpce-lab'] }, ...vpcFilter(network.vpcId)] })));
    run.observe('VPCs found by tag', { count: String(Vpcs!.length) });
    await run.step('DeleteTags', () => ec2.send(new DeleteTagsCommand({ Resources: resources, Tags: [{ Key: 'Name' }] })));
    const { Tags } = await run.step('DescribeTags after DeleteTags', () => ec2.send(new DescribeTagsCommand({ Filters: [{ Name: 'resource-id', Values: resources }] })));
    run.observe('tags left', { keys: [...new Set(Tags!.map((tag) => tag.Key))].join() });
  },

  'availability zones': async (run) => {
    const { ec2 } = run.clients;
    await run.step('DescribeAvailabilityZones', () => ec2.send(new DescribeAvailabilityZonesCommand({})));
    const { AvailabilityZones } = await run.step('DescribeAvailabilityZones by name', () => ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: [ZONE] })));
    run.observe('zone', { ZoneName: AvailabilityZones![0]!.ZoneName, RegionName: AvailabilityZones![0]!.RegionName, State: AvailabilityZones![0]!.State });
  },

  'prefix lists': async (run) => {
    const { ec2 } = run.clients;
    await run.step('DescribePrefixLists', () => ec2.send(new DescribePrefixListsCommand({})));
    const { PrefixLists } = await run.step('DescribePrefixLists by name', () =>
      ec2.send(new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: [awsService('s3')] }] })),
    );
    run.observe('S3 prefix list', { PrefixListName: PrefixLists![0]!.PrefixListName });
  },
};
