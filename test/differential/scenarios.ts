import { CreateVpcCommand, DescribeVpcAttributeCommand, DescribeVpcsCommand, type EC2Client } from '@aws-sdk/client-ec2';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';

export interface Clients {
  readonly ec2: EC2Client;
  readonly elbv2: ElasticLoadBalancingV2Client;
  readonly ssm: SSMClient;
  readonly sts: STSClient;
}

/** A call sequence; returns each step's parsed output by the step's name. `settle` lets asynchronous changes finish. */
export type Scenario = (clients: Clients, settle: () => void) => Promise<Record<string, unknown>>;

const runTag = (resourceType: 'vpc') => [{ ResourceType: resourceType, Tags: [{ Key: 'vpce-lab:run-id', Value: 'differential' }] }];

export const SCENARIOS: Record<string, Scenario> = {
  'VPC lifecycle': async ({ ec2 }, settle) => {
    const created = await ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16', TagSpecifications: runTag('vpc') }));
    settle();
    const vpcId = created.Vpc!.VpcId!;
    return {
      CreateVpc: created,
      DescribeVpcs: await ec2.send(new DescribeVpcsCommand({ VpcIds: [vpcId] })),
      DescribeVpcAttribute: await ec2.send(new DescribeVpcAttributeCommand({ VpcId: vpcId, Attribute: 'enableDnsSupport' })),
    };
  },
  'caller identity': async ({ sts }) => ({ GetCallerIdentity: await sts.send(new GetCallerIdentityCommand({})) }),
};
