import {
  AssociateRouteTableCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateRouteCommand,
  CreateRouteTableCommand,
  CreateSubnetCommand,
  CreateVpcCommand,
  EC2Client,
  ModifySubnetAttributeCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { handler } from '../../functions/handlers/build-provider-network';
import { invoke, plan, REGION, run, tagsOf, tokenOf } from './build-fixtures';
import { answerNetworkCalls, idFor } from './network-mocks';

const ec2 = mockClient(EC2Client);
beforeEach(() => ec2.reset());

const built = {
  vpcId: idFor('vpc', 'provider-vpc'),
  subnetIds: [idFor('subnet', 'provider-subnet-1'), idFor('subnet', 'provider-subnet-2')],
  internetGatewayId: idFor('igw', 'provider-igw'),
  routeTableId: idFor('rtb', 'provider-rtb'),
  webSecurityGroupId: idFor('sg', 'web'),
};

test('the provider VPC: a subnet in each planned zone, both routed to the internet by one table, and a web group open on 80 to the VPC', async () => {
  answerNetworkCalls(ec2);
  await expect(invoke(handler, { run, plan })).resolves.toEqual(built);
  expect(ec2.commandCalls(CreateVpcCommand)[0]!.args[0].input).toEqual({ CidrBlock: '10.1.0.0/16', TagSpecifications: [{ ResourceType: 'vpc', Tags: tagsOf('provider-vpc') }] });
  expect(ec2.commandCalls(CreateSubnetCommand).map((call) => [call.args[0].input.CidrBlock, call.args[0].input.AvailabilityZone])).toEqual([
    ['10.1.0.0/24', `${REGION}a`],
    ['10.1.1.0/24', `${REGION}b`],
  ]);
  // The web servers install httpd from the internet, so both subnets give public addresses.
  expect(ec2.commandCalls(ModifySubnetAttributeCommand).map((call) => call.args[0].input.SubnetId)).toEqual(built.subnetIds);
  expect(ec2.commandCalls(CreateRouteTableCommand)[0]!.args[0].input.ClientToken).toBe(tokenOf('provider-rtb'));
  expect(ec2.commandCalls(CreateRouteCommand)[0]!.args[0].input).toEqual({ RouteTableId: built.routeTableId, DestinationCidrBlock: '0.0.0.0/0', GatewayId: built.internetGatewayId });
  expect(ec2.commandCalls(AssociateRouteTableCommand).map((call) => call.args[0].input.SubnetId)).toEqual(built.subnetIds);
  expect(ec2.commandCalls(AuthorizeSecurityGroupIngressCommand)[0]!.args[0].input).toMatchObject({
    GroupId: built.webSecurityGroupId,
    IpPermissions: [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, IpRanges: [{ CidrIp: '10.1.0.0/16' }] }],
  });
});

test('a plan without two zones is refused as LabInputInvalid before any call', async () => {
  await expect(invoke(handler, { run, plan: { ...plan, zones: [`${REGION}a`] } })).rejects.toMatchObject({ name: 'LabInputInvalid' });
  expect(ec2.calls()).toHaveLength(0);
});
