import {
  CreateSubnetCommand,
  CreateVpcEndpointServiceConfigurationCommand,
  DeleteVpcEndpointServiceConfigurationsCommand,
  DescribeNetworkInterfacesCommand,
} from '@aws-sdk/client-ec2';
import {
  AddTagsCommand,
  DeleteLoadBalancerCommand,
  DescribeListenersCommand,
  DescribeLoadBalancersCommand,
  DescribeTagsCommand,
} from '@aws-sdk/client-elastic-load-balancing-v2';
import { RequestServiceQuotaIncreaseCommand } from '@aws-sdk/client-service-quotas';
import { resolvePublicly } from '../../local/network/dns-resolver';
import { networkView } from '../../local/network/network-view';
import { type LocalCloudFixture, localCloudForTests, REGION, withOwnLocalCloud } from '../support/local-cloud-fixture';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { createNlb, createTcpTargetGroup, elbv2Refusal, forwardTcp, nlbNetwork } from '../support/nlb-lab';

const local = localCloudForTests();
let network: Awaited<ReturnType<typeof nlbNetwork>>;
beforeAll(async () => {
  network = await nlbNetwork(local.ec2, 0, { internetGateway: true });
});

const describeOne = async (arn: string) => (await local.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers![0]!;

const interfacesOf = async (ec2: LocalCloudFixture['ec2'], name: string) =>
  (await ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'description', Values: [`ELB net/${name}/*`] }] }))).NetworkInterfaces!;

describe('CreateLoadBalancer', () => {
  test('makes an internal NLB in AWS formats: provisioning, then active, with one interface per subnet', async () => {
    const created = await createNlb(local.elbv2, { Name: 'lab-provider', Subnets: [network.subnetA, network.subnetB] });
    const suffix = /\/net\/lab-provider\/([0-9a-f]{16})$/.exec(created.LoadBalancerArn!)?.[1];
    expect(created.LoadBalancerArn).toBe(`arn:aws:elasticloadbalancing:${REGION}:000000000000:loadbalancer/net/lab-provider/${suffix}`);
    expect(created).toMatchObject({
      LoadBalancerName: 'lab-provider',
      // No `internal-` prefix for NLBs (unlike ALBs and Classic Load Balancers).
      DNSName: `lab-provider-${suffix}.elb.${REGION}.amazonaws.com`,
      CanonicalHostedZoneId: 'ZIBE1TIR4HY56',
      Scheme: 'internal',
      Type: 'network',
      VpcId: network.vpcId,
      State: { Code: 'provisioning' },
      IpAddressType: 'ipv4',
      AvailabilityZones: [
        { ZoneName: `${REGION}a`, SubnetId: network.subnetA },
        { ZoneName: `${REGION}b`, SubnetId: network.subnetB },
      ],
    });
    expect(created.CreatedTime).toBeInstanceOf(Date);
    expect((await describeOne(created.LoadBalancerArn!)).State).toEqual({ Code: 'active' });

    const interfaces = await interfacesOf(local.ec2, 'lab-provider');
    expect(interfaces.map((eni) => eni.SubnetId).sort()).toEqual([network.subnetA, network.subnetB].sort());
    for (const eni of interfaces) {
      expect(eni).toMatchObject({ InterfaceType: 'network_load_balancer', RequesterManaged: true, Description: `ELB net/lab-provider/${suffix}`, Status: 'in-use' });
      expect(eni.Association).toBeUndefined();
    }
  });

  test('gives an internet-facing NLB public addresses, and needs an internet gateway in the VPC', async () => {
    const created = await createNlb(local.elbv2, { Name: 'public-nlb', Scheme: 'internet-facing', Subnets: [network.subnetA] });
    expect(created.Scheme).toBe('internet-facing');
    const [eni] = await interfacesOf(local.ec2, 'public-nlb');
    expect(eni!.Association?.PublicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    const isolated = await nlbNetwork(local.ec2, 1);
    const error = await elbv2Refusal(createNlb(local.elbv2, { Name: 'no-gateway', Scheme: 'internet-facing', Subnets: [isolated.subnetA] }));
    expect(error).toMatchObject({ code: 'InvalidSubnet', message: `VPC ${isolated.vpcId} has no internet gateway` });
  });

  test('returns the existing NLB for the same name and settings, and refuses other settings', async () => {
    const first = await createNlb(local.elbv2, { Name: 'twice', Subnets: [network.subnetA] });
    const again = await createNlb(local.elbv2, { Name: 'twice', Subnets: [network.subnetA] });
    expect(again.LoadBalancerArn).toBe(first.LoadBalancerArn);
    const error = await elbv2Refusal(createNlb(local.elbv2, { Name: 'twice', Subnets: [network.subnetB] }));
    expect(error).toMatchObject({ code: 'DuplicateLoadBalancerName', message: "A load balancer with the same name 'twice' exists, but with different settings" });
  });

  test.each([['internal-lb'], ['-leading'], ['trailing-'], ['under_score'], ['x'.repeat(33)]])('refuses the name %s', async (name) => {
    expect((await elbv2Refusal(createNlb(local.elbv2, { Name: name, Subnets: [network.subnetA] }))).code).toBe('ValidationError');
  });

  test('serves Network Load Balancers only: no Type (an ALB in ELBv2) or another type is refused', async () => {
    expect((await elbv2Refusal(createNlb(local.elbv2, { Name: 'alb', Type: undefined, Subnets: [network.subnetA] }))).code).toBe('InvalidConfigurationRequest');
    expect((await elbv2Refusal(createNlb(local.elbv2, { Name: 'gwlb', Type: 'gateway', Subnets: [network.subnetA] }))).code).toBe('InvalidConfigurationRequest');
  });

  test('refuses unknown subnets, two subnets in one zone, subnets of two VPCs, and no subnet', async () => {
    const unknown = await elbv2Refusal(createNlb(local.elbv2, { Name: 'bad-subnet', Subnets: ['subnet-0123456789abcdef0'] }));
    expect(unknown).toMatchObject({ code: 'SubnetNotFound' });

    const { Subnet } = await local.ec2.send(new CreateSubnetCommand({ VpcId: network.vpcId, CidrBlock: '10.0.3.0/24', AvailabilityZone: `${REGION}a` }));
    const sameZone = await elbv2Refusal(createNlb(local.elbv2, { Name: 'same-zone', Subnets: [network.subnetA, Subnet!.SubnetId!] }));
    expect(sameZone).toMatchObject({ code: 'InvalidConfigurationRequest', message: 'A load balancer cannot be attached to multiple subnets in the same Availability Zone' });

    const other = await nlbNetwork(local.ec2, 2);
    expect((await elbv2Refusal(createNlb(local.elbv2, { Name: 'two-vpcs', Subnets: [network.subnetA, other.subnetB] }))).code).toBe('InvalidConfigurationRequest');
    expect((await elbv2Refusal(createNlb(local.elbv2, { Name: 'nowhere' }))).code).toBe('ValidationError');
  });

  test('takes subnets as SubnetMappings too', async () => {
    const created = await createNlb(local.elbv2, { Name: 'mapped', SubnetMappings: [{ SubnetId: network.subnetB }] });
    expect(created.AvailabilityZones).toEqual([expect.objectContaining({ SubnetId: network.subnetB, ZoneName: `${REGION}b` })]);
  });
});

describe('DescribeLoadBalancers', () => {
  test('finds load balancers by name and refuses unknown names and ARNs', async () => {
    const created = await createNlb(local.elbv2, { Name: 'by-name', Subnets: [network.subnetA] });
    const { LoadBalancers } = await local.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['by-name'] }));
    expect(LoadBalancers!.map((balancer) => balancer.LoadBalancerArn)).toEqual([created.LoadBalancerArn]);

    const byName = await elbv2Refusal(local.elbv2.send(new DescribeLoadBalancersCommand({ Names: ['nobody'] })));
    expect(byName).toMatchObject({ code: 'LoadBalancerNotFound', message: "Load balancers '[nobody]' not found" });
    const unknownArn = created.LoadBalancerArn!.replace(/[0-9a-f]{16}$/, '0123456789abcdef');
    expect((await elbv2Refusal(local.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [unknownArn] })))).code).toBe('LoadBalancerNotFound');
  });

  test('pages with PageSize and NextMarker', async () => {
    await withOwnLocalCloud(async (paging) => {
      const own = await nlbNetwork(paging.ec2, 0);
      for (const index of [1, 2, 3, 4, 5]) await createNlb(paging.elbv2, { Name: `paged-${index}`, Subnets: [own.subnetA] });
      const names: string[] = [];
      const pageSizes: number[] = [];
      let marker: string | undefined;
      do {
        const page = await paging.elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 2, Marker: marker }));
        pageSizes.push(page.LoadBalancers!.length);
        names.push(...page.LoadBalancers!.map((balancer) => balancer.LoadBalancerName!));
        marker = page.NextMarker;
      } while (marker);
      expect(pageSizes).toEqual([2, 2, 1]);
      expect(names).toEqual(['paged-1', 'paged-2', 'paged-3', 'paged-4', 'paged-5']);
      expect((await elbv2Refusal(paging.elbv2.send(new DescribeLoadBalancersCommand({ PageSize: 0 })))).code).toBe('ValidationError');
      expect((await elbv2Refusal(paging.elbv2.send(new DescribeLoadBalancersCommand({ Marker: 'not-a-marker' })))).code).toBe('ValidationError');
    });
  });
});

describe('DeleteLoadBalancer', () => {
  test('deletes the listeners, and succeeds for a load balancer that does not exist', async () => {
    const balancer = await createNlb(local.elbv2, { Name: 'short-lived', Subnets: [network.subnetA] });
    const group = await createTcpTargetGroup(local.elbv2, { Name: 'short-lived-web', VpcId: network.vpcId });
    await forwardTcp(local.elbv2, balancer.LoadBalancerArn!, group.TargetGroupArn!);

    await local.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: balancer.LoadBalancerArn }));
    const gone = await elbv2Refusal(local.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [balancer.LoadBalancerArn!] })));
    expect(gone.code).toBe('LoadBalancerNotFound');
    expect((await elbv2Refusal(local.elbv2.send(new DescribeListenersCommand({ LoadBalancerArn: balancer.LoadBalancerArn })))).code).toBe('LoadBalancerNotFound');
    await expect(local.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: balancer.LoadBalancerArn }))).resolves.toBeDefined();
  });

  test('is refused with ResourceInUse while an endpoint service fronts the NLB', async () => {
    const balancer = await createNlb(local.elbv2, { Name: 'fronted', Subnets: [network.subnetA] });
    const { ServiceConfiguration } = await local.ec2.send(new CreateVpcEndpointServiceConfigurationCommand({ NetworkLoadBalancerArns: [balancer.LoadBalancerArn!] }));
    const error = await elbv2Refusal(local.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: balancer.LoadBalancerArn })));
    expect(error).toMatchObject({
      code: 'ResourceInUse',
      message: `Load balancer '${balancer.LoadBalancerArn}' cannot be deleted because it is currently associated with another service`,
    });

    await local.ec2.send(new DeleteVpcEndpointServiceConfigurationsCommand({ ServiceIds: [ServiceConfiguration!.ServiceId!] }));
    await local.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: balancer.LoadBalancerArn }));
    expect((await elbv2Refusal(describeOne(balancer.LoadBalancerArn!))).code).toBe('LoadBalancerNotFound');
  });
});

describe('tags', () => {
  test('are set at creation, added, and described; unknown ARNs and repeated keys are refused', async () => {
    const balancer = await createNlb(local.elbv2, { Name: 'tagged', Subnets: [network.subnetA], Tags: [{ Key: 'vpce-lab:run-id', Value: 'r1' }] });
    const arn = balancer.LoadBalancerArn!;
    await local.elbv2.send(new AddTagsCommand({ ResourceArns: [arn], Tags: [{ Key: 'Name', Value: 'provider' }] }));
    const { TagDescriptions } = await local.elbv2.send(new DescribeTagsCommand({ ResourceArns: [arn] }));
    expect(TagDescriptions).toEqual([
      {
        ResourceArn: arn,
        Tags: [
          { Key: 'vpce-lab:run-id', Value: 'r1' },
          { Key: 'Name', Value: 'provider' },
        ],
      },
    ]);

    const unknown = arn.replace(/[0-9a-f]{16}$/, '0123456789abcdef');
    expect((await elbv2Refusal(local.elbv2.send(new DescribeTagsCommand({ ResourceArns: [unknown] })))).code).toBe('LoadBalancerNotFound');
    const repeated = [
      { Key: 'k', Value: '1' },
      { Key: 'k', Value: '2' },
    ];
    expect((await elbv2Refusal(local.elbv2.send(new AddTagsCommand({ ResourceArns: [arn], Tags: repeated })))).code).toBe('DuplicateTagKeys');
  });
});

describe('on AWS time', () => {
  const paced = pacedLocalCloudForTests();
  const stateOf = async (arn: string) => (await paced.elbv2.send(new DescribeLoadBalancersCommand({ LoadBalancerArns: [arn] }))).LoadBalancers![0]!.State!.Code;

  test('an NLB provisions for minutes; once deleted it goes, and its interfaces linger a while before EC2 releases them', async () => {
    const own = await nlbNetwork(paced.ec2, 0);
    const { LoadBalancerArn: arn } = await createNlb(paced.elbv2, { Name: 'paced', Subnets: [own.subnetA] });
    paced.awsTimePasses(179);
    expect(await stateOf(arn!)).toBe('provisioning');
    paced.awsTimePasses(1);
    expect(await stateOf(arn!)).toBe('active');

    await paced.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
    paced.awsTimePasses(29);
    expect(await stateOf(arn!)).toBe('active');
    paced.awsTimePasses(1);
    expect((await elbv2Refusal(stateOf(arn!))).code).toBe('LoadBalancerNotFound');

    expect(await interfacesOf(paced.ec2, 'paced')).toHaveLength(1);
    paced.awsTimePasses(120);
    expect(await interfacesOf(paced.ec2, 'paced')).toHaveLength(0);
  });

  test("an NLB's name is NXDOMAIN while it provisions, answers its private address once active, and NXDOMAIN once it is gone", async () => {
    const own = await nlbNetwork(paced.ec2, 1);
    const { LoadBalancerArn: arn, DNSName: name } = await createNlb(paced.elbv2, { Name: 'named', Subnets: [own.subnetA] });
    const resolve = () => resolvePublicly(networkView(paced.cloud.runtime), name!);
    paced.awsTimePasses(179);
    expect(resolve()).toEqual({ status: 'NXDOMAIN' });
    paced.awsTimePasses(1);
    expect(resolve()).toEqual({ status: 'NOERROR', addresses: [expect.stringMatching(/^10\.\d+\.\d+\.\d+$/)] });
    await paced.elbv2.send(new DeleteLoadBalancerCommand({ LoadBalancerArn: arn }));
    paced.awsTimePasses(30);
    expect(resolve()).toEqual({ status: 'NXDOMAIN' });
  });
});

test('"Network Load Balancers per Region" (50) refuses the 51st with TooManyLoadBalancers, until Service Quotas raises it', async () => {
  await withOwnLocalCloud(
    async (account) => {
      const subnets = await nlbNetwork(account.ec2, 0);
      const create = (n: number) => createNlb(account.elbv2, { Name: `quota-${n}`, Subnets: [subnets.subnetA] });
      for (let n = 1; n <= 50; n++) await create(n);
      expect(await elbv2Refusal(create(51))).toEqual({ code: 'TooManyLoadBalancers', message: "You've reached the limit on the number of load balancers for your AWS account." });
      await account.quotas.send(new RequestServiceQuotaIncreaseCommand({ ServiceCode: 'elasticloadbalancing', QuotaCode: 'L-69A177A2', DesiredValue: 51 }));
      expect((await create(51)).LoadBalancerName).toBe('quota-51');
    },
    { defaultQuotas: true },
  );
});
