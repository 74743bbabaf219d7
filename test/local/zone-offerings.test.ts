import {
  CreateSubnetCommand,
  CreateVpcCommand,
  CreateVpcEndpointCommand,
  DescribeInstanceTypeOfferingsCommand,
  type DescribeInstanceTypeOfferingsCommandInput,
  DescribeVpcEndpointServicesCommand,
  paginateDescribeInstanceTypeOfferings,
  RunInstancesCommand,
} from '@aws-sdk/client-ec2';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

/** Zone c lacks t3.micro and zone d CloudFormation's endpoint, as some of AWS's zones lack what others offer. */
const CLOUDFORMATION = `com.amazonaws.${REGION}.cloudformation`;
const local = localCloudForTests({ zoneGaps: { [`${REGION}c`]: { instanceTypes: ['t3.micro'] }, [`${REGION}d`]: { endpointServices: [CLOUDFORMATION] } } });

const offerings = async (input: DescribeInstanceTypeOfferingsCommandInput) =>
  (await local.ec2.send(new DescribeInstanceTypeOfferingsCommand(input))).InstanceTypeOfferings?.map((offering) => [offering.InstanceType, offering.LocationType, offering.Location]);

const ofType = (...types: string[]) => [{ Name: 'instance-type', Values: types }];

test('a zone lacking t3.micro is absent from its offerings by zone; other types are offered in every zone', async () => {
  expect(await offerings({ LocationType: 'availability-zone', Filters: ofType('t3.micro') })).toEqual(['a', 'b', 'd'].map((letter) => ['t3.micro', 'availability-zone', `${REGION}${letter}`]));
  expect(await offerings({ LocationType: 'availability-zone-id', Filters: ofType('m5.large') })).toEqual([1, 2, 3, 4].map((n) => ['m5.large', 'availability-zone-id', `apne2-az${n}`]));
});

test('without a location type the offerings are by Region, and a name outside the naming scheme is offered nowhere', async () => {
  expect(await offerings({ Filters: ofType('t3.micro', 'not-a-type') })).toEqual([['t3.micro', 'region', REGION]]);
});

test('the location filter narrows, with wildcards', async () => {
  const inZones = (...Values: string[]) => ({ LocationType: 'availability-zone' as const, Filters: [...ofType('t3.micro'), { Name: 'location', Values }] });
  expect(await offerings(inZones(`${REGION}c`, `${REGION}d`))).toEqual([['t3.micro', 'availability-zone', `${REGION}d`]]);
  expect(await offerings(inZones(`${REGION}?`))).toHaveLength(3);
});

test('the SDK paginator pages through the offerings by MaxResults and NextToken', async () => {
  const pages = [];
  for await (const page of paginateDescribeInstanceTypeOfferings({ client: local.ec2, pageSize: 5 }, { LocationType: 'availability-zone', Filters: ofType('t3.micro', 'm5.large') })) pages.push(page.InstanceTypeOfferings?.length);
  expect(pages).toEqual([5, 2]);
});

test('what the model cannot answer is refused, not answered in part: no instance-type filter, a wildcard type, Outposts', async () => {
  for (const input of [{}, { Filters: ofType('t3.*') }] satisfies DescribeInstanceTypeOfferingsCommandInput[]) {
    expect(await refused(local.ec2.send(new DescribeInstanceTypeOfferingsCommand(input)))).toMatchObject({ name: 'UnsupportedOperation', message: expect.stringContaining('instance-type filter') });
  }
  expect(await refused(local.ec2.send(new DescribeInstanceTypeOfferingsCommand({ LocationType: 'outpost', Filters: ofType('t3.micro') })))).toMatchObject({
    name: 'UnsupportedOperation',
    message: expect.stringContaining('LocationType=outpost'),
  });
  expect(await refused(local.ec2.send(new DescribeInstanceTypeOfferingsCommand({ Filters: [...ofType('t3.micro'), { Name: 'instance-family', Values: ['t3'] }] })))).toMatchObject({
    name: 'InvalidParameterValue',
    message: "The filter 'instance-family' is invalid",
  });
});

test("an AWS service's AvailabilityZones leave out the zone lacking its endpoint", async () => {
  const { ServiceDetails } = await local.ec2.send(new DescribeVpcEndpointServicesCommand({ ServiceNames: [CLOUDFORMATION, `com.amazonaws.${REGION}.ssm`] }));
  expect(ServiceDetails?.map((detail) => [detail.ServiceName, detail.AvailabilityZones, detail.AvailabilityZoneIds])).toEqual([
    [CLOUDFORMATION, ['a', 'b', 'c'].map((letter) => `${REGION}${letter}`), ['apne2-az1', 'apne2-az2', 'apne2-az3']],
    [`com.amazonaws.${REGION}.ssm`, ['a', 'b', 'c', 'd'].map((letter) => `${REGION}${letter}`), ['apne2-az1', 'apne2-az2', 'apne2-az3', 'apne2-az4']],
  ]);
});

test('a zone lacking a type or an endpoint refuses a launch or an endpoint placed there, as EC2 does', async () => {
  const { Vpc } = await local.ec2.send(new CreateVpcCommand({ CidrBlock: '10.7.0.0/16' }));
  const subnetIn = async (letter: string, cidr: string) =>
    (await local.ec2.send(new CreateSubnetCommand({ VpcId: Vpc!.VpcId!, CidrBlock: cidr, AvailabilityZone: `${REGION}${letter}` }))).Subnet!.SubnetId!;
  const inC = await subnetIn('c', '10.7.2.0/24');
  const inD = await subnetIn('d', '10.7.3.0/24');

  expect(await refused(local.ec2.send(new RunInstancesCommand({ ImageId: 'ami-0c9c942bd7bf113a2', InstanceType: 't3.micro', MinCount: 1, MaxCount: 1, SubnetId: inC })))).toMatchObject({
    name: 'Unsupported',
    message: `Your requested instance type (t3.micro) is not supported in your requested Availability Zone (${REGION}c). Please retry your request by not specifying an Availability Zone or choosing ${REGION}a, ${REGION}b, ${REGION}d.`,
  });
  expect(await refused(local.ec2.send(new CreateVpcEndpointCommand({ VpcId: Vpc!.VpcId!, ServiceName: CLOUDFORMATION, VpcEndpointType: 'Interface', SubnetIds: [inD] })))).toMatchObject({
    name: 'InvalidParameter',
    message: `The VPC endpoint service ${CLOUDFORMATION} does not support the availability zone of the subnet: ${inD}.`,
  });
});
