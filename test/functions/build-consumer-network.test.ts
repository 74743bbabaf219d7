import {
  AssociateRouteTableCommand,
  AttachInternetGatewayCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateInternetGatewayCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSecurityGroupCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeVpcsCommand,
  EC2Client,
  ModifySubnetAttributeCommand,
  ModifyVpcAttributeCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/build-consumer-network';
import { invoke, plan, REGION, run, tagsOf, tokenOf } from './build-fixtures';
import { answerNetworkCalls, idFor } from './network-mocks';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

const inputs = {
  vpc: () => ec2.commandCalls(CreateVpcCommand).map((call) => call.args[0].input),
  subnets: () => ec2.commandCalls(CreateSubnetCommand).map((call) => call.args[0].input),
  routeTables: () => ec2.commandCalls(CreateRouteTableCommand).map((call) => call.args[0].input),
};

const built = {
  vpcId: idFor('vpc', 'consumer-vpc'),
  publicSubnetId: idFor('subnet', 'consumer-public-subnet'),
  privateSubnetId: idFor('subnet', 'consumer-private-subnet'),
  publicRouteTableId: idFor('rtb', 'consumer-public-rtb'),
  privateRouteTableId: idFor('rtb', 'consumer-private-rtb'),
  internetGatewayId: idFor('igw', 'consumer-igw'),
  instanceSecurityGroupId: idFor('sg', 'instances'),
  endpointSecurityGroupId: idFor('sg', 'endpoints'),
};

test('a first attempt builds the consumer VPC, each piece tagged for the run at creation, and no endpoint yet', async () => {
  answerNetworkCalls(ec2);
  await expect(invoke(handler, { run, plan })).resolves.toEqual(built);

  expect(inputs.vpc()).toEqual([{ CidrBlock: '10.0.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: tagsOf('consumer-vpc') }] }]);
  expect(ec2.commandCalls(ModifyVpcAttributeCommand).map((call) => call.args[0].input)).toEqual([
    { VpcId: built.vpcId, EnableDnsSupport: { Value: true } },
    { VpcId: built.vpcId, EnableDnsHostnames: { Value: true } },
  ]);
  expect(inputs.subnets()).toEqual([
    { VpcId: built.vpcId, CidrBlock: '10.0.0.0/24', AvailabilityZone: `${REGION}a`, TagSpecifications: [{ ResourceType: 'subnet', Tags: tagsOf('consumer-public-subnet') }] },
    { VpcId: built.vpcId, CidrBlock: '10.0.1.0/24', AvailabilityZone: `${REGION}a`, TagSpecifications: [{ ResourceType: 'subnet', Tags: tagsOf('consumer-private-subnet') }] },
  ]);
  expect(ec2.commandCalls(ModifySubnetAttributeCommand).map((call) => call.args[0].input)).toEqual([{ SubnetId: built.publicSubnetId, MapPublicIpOnLaunch: { Value: true } }]);
  expect(ec2.commandCalls(CreateInternetGatewayCommand)[0]!.args[0].input).toEqual({ TagSpecifications: [{ ResourceType: 'internet-gateway', Tags: tagsOf('consumer-igw') }] });
  expect(ec2.commandCalls(AttachInternetGatewayCommand)[0]!.args[0].input).toEqual({ InternetGatewayId: built.internetGatewayId, VpcId: built.vpcId });

  expect(inputs.routeTables().map((input) => input.ClientToken)).toEqual([tokenOf('consumer-public-rtb'), tokenOf('consumer-private-rtb')]);
  expect(ec2.commandCalls(CreateRouteCommand).map((call) => call.args[0].input)).toEqual([
    { RouteTableId: built.publicRouteTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: built.internetGatewayId },
  ]);
  expect(ec2.commandCalls(AssociateRouteTableCommand).map((call) => call.args[0].input)).toEqual([
    { RouteTableId: built.publicRouteTableId, SubnetId: built.publicSubnetId },
    { RouteTableId: built.privateRouteTableId, SubnetId: built.privateSubnetId },
  ]);

  expect(ec2.commandCalls(CreateSecurityGroupCommand).map((call) => call.args[0].input)).toEqual([
    expect.objectContaining({ GroupName: `${run.runId}-instances`, VpcId: built.vpcId, TagSpecifications: [{ ResourceType: 'security-group', Tags: tagsOf('instances') }] }),
    expect.objectContaining({ GroupName: `${run.runId}-endpoints`, VpcId: built.vpcId, TagSpecifications: [{ ResourceType: 'security-group', Tags: tagsOf('endpoints') }] }),
  ]);
  const opened = ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((call) => [call.args[0].input.GroupId, call.args[0].input.IpPermissions!.map((rule) => [rule.FromPort, rule.IpRanges![0]!.CidrIp])]);
  expect(opened).toEqual([
    // ssh to the instances only from the public subnet: the hop to the private instance.
    [built.instanceSecurityGroupId, [[22, '10.0.0.0/24']]],
    [built.endpointSecurityGroupId, [[443, '10.0.0.0/16'], [80, '10.0.0.0/16']]],
  ]);
  // The endpoints are the lessons' own steps.
  expect(ec2.commandCalls(CreateVpcEndpointCommand)).toHaveLength(0);

});

test('a retry finds what the first attempt made and adds only what is missing', async () => {
  const ingress = (port: number, cidr = '10.0.0.0/16') => ({ IpProtocol: 'tcp', FromPort: port, ToPort: port, IpRanges: [{ CidrIp: cidr }] });
  answerNetworkCalls(ec2, {
    vpcs: { 'consumer-vpc': { VpcId: built.vpcId } },
    subnets: {
      'consumer-public-subnet': { SubnetId: built.publicSubnetId, MapPublicIpOnLaunch: true },
      'consumer-private-subnet': { SubnetId: built.privateSubnetId, MapPublicIpOnLaunch: false },
    },
    internetGateways: { 'consumer-igw': { InternetGatewayId: built.internetGatewayId, Attachments: [{ VpcId: built.vpcId }] } },
    routeTables: {
      [built.publicRouteTableId]: {
        RouteTableId: built.publicRouteTableId,
        Routes: [{ DestinationCidrBlock: '0.0.0.0/0', GatewayId: built.internetGatewayId }],
        Associations: [{ SubnetId: built.publicSubnetId }],
      },
    },
    securityGroups: {
      instances: { GroupId: built.instanceSecurityGroupId, IpPermissions: [ingress(22, '10.0.0.0/24')] },
      // The first attempt stopped after opening one port of this group.
      endpoints: { GroupId: built.endpointSecurityGroupId, IpPermissions: [ingress(443)] },
    },
  });
  await expect(invoke(handler, { run, plan })).resolves.toEqual(built);

  for (const create of [CreateVpcCommand, CreateSubnetCommand, CreateInternetGatewayCommand, CreateSecurityGroupCommand, AttachInternetGatewayCommand, ModifySubnetAttributeCommand, CreateRouteCommand]) {
    expect(ec2.commandCalls(create as typeof CreateVpcCommand)).toHaveLength(0);
  }
  expect(ec2.commandCalls(AssociateRouteTableCommand).map((call) => call.args[0].input)).toEqual([{ RouteTableId: built.privateRouteTableId, SubnetId: built.privateSubnetId }]);
  expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand).map((call) => call.args[0].input.IpPermissions!.map((rule) => rule.FromPort))).toEqual([[80]]);
  // Route tables are simply asked for again by their ClientToken: EC2 answers with what the first attempt made.
  expect(inputs.routeTables().map((input) => input.ClientToken)).toEqual([tokenOf('consumer-public-rtb'), tokenOf('consumer-private-rtb')]);
});

test('two VPCs tagged as the same piece of the run stop the build rather than pick one', async () => {
  answerNetworkCalls(ec2);
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0000000000000000a' }, { VpcId: 'vpc-0000000000000000b' }] });
  await expect(invoke(handler, { run, plan })).rejects.toMatchObject({ name: 'LabStepFailed', message: expect.stringContaining('vpc-0000000000000000a, vpc-0000000000000000b') });
  expect(ec2.commandCalls(CreateVpcCommand)).toHaveLength(0);
});

test('an input without the plan is refused as LabInputInvalid before any call', async () => {
  await expect(invoke(handler, { run })).rejects.toMatchObject({ name: 'LabInputInvalid' });
  expect(ec2.calls()).toHaveLength(0);
});
