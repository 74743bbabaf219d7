import { DescribeAvailabilityZonesCommand, DescribePrefixListsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { clientConfig, localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { refused } from '../support/refused';

const local = localCloudForTests();

const clientIn = (region: string) => new EC2Client(clientConfig(local.cloud.endpoint, region));

test('a region has four available zones with AWS-style zone ids', async () => {
  const { AvailabilityZones } = await local.ec2.send(new DescribeAvailabilityZonesCommand({}));
  expect(AvailabilityZones?.map((zone) => [zone.ZoneName, zone.ZoneId])).toEqual([
    [`${REGION}a`, 'apne2-az1'],
    [`${REGION}b`, 'apne2-az2'],
    [`${REGION}c`, 'apne2-az3'],
    [`${REGION}d`, 'apne2-az4'],
  ]);
  expect(AvailabilityZones?.[0]).toMatchObject({ State: 'available', RegionName: REGION, ZoneType: 'availability-zone', OptInStatus: 'opt-in-not-required' });
});

test("zone ids follow the caller's region", async () => {
  const { AvailabilityZones } = await clientIn('us-east-1').send(new DescribeAvailabilityZonesCommand({ ZoneNames: ['us-east-1b'] }));
  expect(AvailabilityZones?.map((zone) => zone.ZoneId)).toEqual(['use1-az2']);
  const southeast = await clientIn('ap-southeast-1').send(new DescribeAvailabilityZonesCommand({ ZoneIds: ['apse1-az1'] }));
  expect(southeast.AvailabilityZones?.map((zone) => zone.ZoneName)).toEqual(['ap-southeast-1a']);
});

test('zones filter by name and state, and an unknown zone is refused', async () => {
  const filtered = await local.ec2.send(
    new DescribeAvailabilityZonesCommand({
      Filters: [
        { Name: 'zone-name', Values: [`${REGION}c`, `${REGION}d`] },
        { Name: 'state', Values: ['available'] },
      ],
    }),
  );
  expect(filtered.AvailabilityZones?.map((zone) => zone.ZoneName)).toEqual([`${REGION}c`, `${REGION}d`]);
  expect(await refused(local.ec2.send(new DescribeAvailabilityZonesCommand({ ZoneNames: [`${REGION}z`] })))).toMatchObject({
    name: 'InvalidParameterValue',
    message: `The zone '${REGION}z' does not exist`,
  });
});

test('the S3 and DynamoDB prefix lists have stable ids and ranges per region', async () => {
  const { PrefixLists } = await local.ec2.send(new DescribePrefixListsCommand({}));
  expect(PrefixLists?.map((list) => list.PrefixListName)).toEqual([`com.amazonaws.${REGION}.s3`, `com.amazonaws.${REGION}.dynamodb`]);
  for (const list of PrefixLists ?? []) {
    expect(list.PrefixListId).toMatch(/^pl-[0-9a-f]{8}$/);
    expect(list.Cidrs?.length).toBeGreaterThan(0);
  }
  const again = await local.ec2.send(new DescribePrefixListsCommand({ PrefixListIds: [PrefixLists![0]!.PrefixListId!] }));
  expect(again.PrefixLists).toEqual([PrefixLists![0]]);
  const elsewhere = await clientIn('us-east-1').send(new DescribePrefixListsCommand({}));
  expect(elsewhere.PrefixLists?.map((list) => list.PrefixListId)).not.toContain(PrefixLists![0]!.PrefixListId);
});

test('prefix lists filter by name, and an unknown id is InvalidPrefixListID.NotFound', async () => {
  const { PrefixLists } = await local.ec2.send(new DescribePrefixListsCommand({ Filters: [{ Name: 'prefix-list-name', Values: ['*.dynamodb'] }] }));
  expect(PrefixLists?.map((list) => list.PrefixListName)).toEqual([`com.amazonaws.${REGION}.dynamodb`]);
  expect(await refused(local.ec2.send(new DescribePrefixListsCommand({ PrefixListIds: ['pl-00000000'] })))).toMatchObject({
    name: 'InvalidPrefixListID.NotFound',
    message: "The prefix list ID 'pl-00000000' does not exist",
  });
});
