import {
  type AttachmentStatus,
  DeleteInternetGatewayCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DescribeInternetGatewaysCommand,
  DescribeRouteTablesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  DescribeVpcsCommand,
  DetachInternetGatewayCommand,
  EC2Client,
} from '@aws-sdk/client-ec2';
import { runFilters } from '../../functions/commons/lab-tags';
import { handler } from '../../functions/handlers/delete-networks';
import { mockEachTest } from './mock-each-test';
import { context, ec2Error, RUN_ID } from './teardown-fixtures';

const ec2 = mockEachTest(EC2Client);

/** Two VPCs of the run (consumer 0a, provider 0b), and a gateway a half-built run never attached. */
beforeEach(() => {
  ec2.on(DescribeVpcsCommand).resolves({ Vpcs: [{ VpcId: 'vpc-0a' }, { VpcId: 'vpc-0b' }] });
  ec2.on(DescribeSubnetsCommand).resolves({
    Subnets: [
      { SubnetId: 'subnet-0a1', VpcId: 'vpc-0a' },
      { SubnetId: 'subnet-0a2', VpcId: 'vpc-0a' },
      { SubnetId: 'subnet-0b1', VpcId: 'vpc-0b' },
    ],
  });
  ec2.on(DescribeRouteTablesCommand).resolves({
    RouteTables: [
      { RouteTableId: 'rtb-0amain', VpcId: 'vpc-0a', Associations: [{ Main: true }] },
      { RouteTableId: 'rtb-0a', VpcId: 'vpc-0a', Associations: [{ Main: false, SubnetId: 'subnet-0a1' }] },
      { RouteTableId: 'rtb-0b', VpcId: 'vpc-0b', Associations: [] },
    ],
  });
  ec2.on(DescribeInternetGatewaysCommand).resolves({
    InternetGateways: [
      { InternetGatewayId: 'igw-0a', Attachments: [{ VpcId: 'vpc-0a', State: 'available' as AttachmentStatus }] },
      { InternetGatewayId: 'igw-0loose', Attachments: [] },
    ],
  });
  ec2.on(DescribeSecurityGroupsCommand).resolves({
    SecurityGroups: [
      { GroupId: 'sg-0adefault', GroupName: 'default', VpcId: 'vpc-0a' },
      { GroupId: 'sg-0a', GroupName: 'instances', VpcId: 'vpc-0a' },
      { GroupId: 'sg-0b', GroupName: 'web', VpcId: 'vpc-0b' },
    ],
  });
  for (const command of [DeleteSubnetCommand, DeleteRouteTableCommand, DetachInternetGatewayCommand, DeleteInternetGatewayCommand, DeleteSecurityGroupCommand, DeleteVpcCommand]) {
    ec2.on(command as typeof DeleteVpcCommand).resolves({});
  }
});

const deletes = () =>
  ec2
    .calls()
    .map((call) => call.args[0])
    .filter((command) => !command.constructor.name.startsWith('Describe'))
    .map((command) => `${command.constructor.name.replace(/Command$/, '')} ${Object.values(command.input as object).join(' ')}`);

test('per VPC: subnets, non-main route tables, internet gateway (detach, delete), non-default security groups, then the VPC', async () => {
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({
    vpcIds: ['vpc-0a', 'vpc-0b'],
    subnetIds: ['subnet-0a1', 'subnet-0a2', 'subnet-0b1'],
    routeTableIds: ['rtb-0a', 'rtb-0b'],
    internetGatewayIds: ['igw-0a', 'igw-0loose'],
    securityGroupIds: ['sg-0a', 'sg-0b'],
  });
  expect(deletes()).toEqual([
    'DeleteSubnet subnet-0a1',
    'DeleteSubnet subnet-0a2',
    'DeleteRouteTable rtb-0a',
    'DetachInternetGateway igw-0a vpc-0a',
    'DeleteInternetGateway igw-0a',
    'DeleteSecurityGroup sg-0a',
    'DeleteVpc vpc-0a',
    'DeleteSubnet subnet-0b1',
    'DeleteRouteTable rtb-0b',
    'DeleteSecurityGroup sg-0b',
    'DeleteVpc vpc-0b',
    'DeleteInternetGateway igw-0loose',
  ]);
  for (const command of [DescribeVpcsCommand, DescribeSubnetsCommand, DescribeRouteTablesCommand, DescribeInternetGatewaysCommand, DescribeSecurityGroupsCommand]) {
    expect(ec2.commandCalls(command as typeof DescribeVpcsCommand)[0]?.args[0].input.Filters).toEqual(runFilters(RUN_ID));
  }
});

test('a DependencyViolation stops that VPC only, and is DependencyStillPresent naming what holds it', async () => {
  ec2.on(DeleteSubnetCommand, { SubnetId: 'subnet-0a2' }).rejects(ec2Error('DependencyViolation', "The subnet 'subnet-0a2' has dependencies and cannot be deleted."));
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({
    name: 'DependencyStillPresent',
    message: expect.stringContaining("subnet subnet-0a2: DependencyViolation (The subnet 'subnet-0a2' has dependencies and cannot be deleted.)"),
  });
  expect(deletes()).toEqual([
    'DeleteSubnet subnet-0a1',
    'DeleteSubnet subnet-0a2',
    'DeleteSubnet subnet-0b1',
    'DeleteRouteTable rtb-0b',
    'DeleteSecurityGroup sg-0b',
    'DeleteVpc vpc-0b',
    'DeleteInternetGateway igw-0loose',
  ]);
});

test('what is already gone, or a gateway already detached, is done', async () => {
  ec2.on(DeleteSubnetCommand).rejects(ec2Error('InvalidSubnetID.NotFound'));
  ec2.on(DetachInternetGatewayCommand).rejects(ec2Error('Gateway.NotAttached'));
  ec2.on(DeleteVpcCommand, { VpcId: 'vpc-0b' }).rejects(ec2Error('InvalidVpcID.NotFound'));
  await expect(handler({ runId: RUN_ID }, context)).resolves.toMatchObject({ vpcIds: ['vpc-0a'], subnetIds: [], internetGatewayIds: ['igw-0a', 'igw-0loose'] });
});

test('any other refusal fails the step with its code', async () => {
  ec2.on(DeleteSecurityGroupCommand).rejects(ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
  await expect(handler({ runId: RUN_ID }, context)).rejects.toMatchObject({ name: 'UnauthorizedOperation' });
});

test('with nothing of the run left it deletes nothing', async () => {
  for (const command of [DescribeVpcsCommand, DescribeSubnetsCommand, DescribeRouteTablesCommand, DescribeInternetGatewaysCommand, DescribeSecurityGroupsCommand]) {
    ec2.on(command as typeof DescribeVpcsCommand).resolves({});
  }
  await expect(handler({ runId: RUN_ID }, context)).resolves.toEqual({ vpcIds: [], subnetIds: [], routeTableIds: [], internetGatewayIds: [], securityGroupIds: [] });
  expect(deletes()).toEqual([]);
});
