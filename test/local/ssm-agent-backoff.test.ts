import { DescribeInstanceInformationCommand } from '@aws-sdk/client-ssm';
import { hibernationPingOffset, retryAfterSeconds, SSM_AGENT } from '../../local/network/ssm-agent-backoff';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { consumerNetwork, launch, ssmEndpoints } from '../support/ssm-lab';

describe("SSM Agent's retries and hibernation, as its source has them", () => {
  test('a failed ping is retried three times, 1.25 s, 2.5 s and 5 s after each 30 s connect timeout', () => {
    expect(SSM_AGENT.attemptsPerPing).toBe(4);
    expect([0, 1, 2].map((retry) => retryAfterSeconds(retry, SSM_AGENT.dialTimeoutSeconds))).toEqual([31.25, 32.5, 35]);
  });

  test('hibernation pings after 5 minutes, then every 10, 20 and 40 minutes, three times each, then hourly for good', () => {
    const offsets = Array.from({ length: 12 }, (_, ping) => hibernationPingOffset(ping));
    expect(offsets).toEqual([300, 900, 1500, 2100, 3300, 4500, 5700, 8100, 10500, 12900, 16500, 20100]);
    expect(hibernationPingOffset(100) - hibernationPingOffset(99)).toBe(3600);
  });
});

describe('an instance that boots before it can reach Systems Manager', () => {
  const paced = pacedLocalCloudForTests();
  const onlineIds = async (): Promise<string[]> =>
    ((await paced.ssm.send(new DescribeInstanceInformationCommand({}))).InstanceInformationList ?? []).map((node) => node.InstanceId!);

  /**
   * Running after 30 s, the agent's first attempt at 50 s; with the packets
   * dropped, the attempts of the boot ping start at 50, 81.25, 113.75 and
   * 148.75 s, and it fails at 178.75 s.
   */
  test('comes online at the next attempt after its SSM endpoints are available, not when they become available', async () => {
    const network = await consumerNetwork(paced.ec2, 20);
    const publicInstance = await launch(paced.ec2, network.publicSubnetId, network.instanceGroupId, { publicIp: true });
    const privateInstance = await launch(paced.ec2, network.privateSubnetId, network.instanceGroupId);
    await ssmEndpoints(paced.ec2, network);
    paced.awsTimePasses(50);
    expect(await onlineIds()).toEqual([publicInstance]);
    // The endpoints are available after 120 s, between the third and the fourth attempt.
    paced.awsTimePasses(98);
    expect(await onlineIds()).toEqual([publicInstance]);
    paced.awsTimePasses(1);
    expect((await onlineIds()).sort()).toEqual([publicInstance, privateInstance].sort());
  });

  test('whose endpoints come after its boot ping failed waits in hibernation for its ping five minutes later', async () => {
    const network = await consumerNetwork(paced.ec2, 21);
    const privateInstance = await launch(paced.ec2, network.privateSubnetId, network.instanceGroupId);
    paced.awsTimePasses(200);
    await ssmEndpoints(paced.ec2, network);
    paced.awsTimePasses(120);
    // Reachable since 320 s; the agent next tries at 178.75 + 300 = 478.75 s.
    paced.awsTimePasses(158);
    expect(await onlineIds()).not.toContain(privateInstance);
    paced.awsTimePasses(1);
    expect(await onlineIds()).toContain(privateInstance);
  });

  test('that SSM never reaches stays unmanaged through every ping of its first hours', async () => {
    const network = await consumerNetwork(paced.ec2, 22);
    const privateInstance = await launch(paced.ec2, network.privateSubnetId, network.instanceGroupId);
    paced.awsTimePasses(6 * 3600);
    expect(await onlineIds()).not.toContain(privateInstance);
  });
});
