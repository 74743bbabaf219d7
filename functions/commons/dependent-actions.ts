/**
 * The EC2 calls Elastic Load Balancing makes as the caller, which the
 * caller's policy must allow besides the ELB action itself; the Service
 * Authorization Reference does not list them. Source: Elastic Load Balancing
 * User Guide, "Elastic Load Balancing API permissions", 2015-12-01 API
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/elb-api-permissions.html).
 * Without them a call fails with `AccessDenied ... not authorized to perform:
 * ec2:DescribeInternetGateways` (eksctl#2570, aws-load-balancer-controller#748).
 * The IAM role of each step, the stack's test and the local cloud's
 * authorizer all read this one table.
 */
export const ELB_DEPENDENT_EC2_ACTIONS = {
  CreateLoadBalancer: ['ec2:DescribeAccountAttributes', 'ec2:DescribeAddresses', 'ec2:DescribeInternetGateways', 'ec2:DescribeSecurityGroups', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'],
  CreateTargetGroup: ['ec2:DescribeInternetGateways', 'ec2:DescribeVpcs'],
  RegisterTargets: ['ec2:DescribeInstances', 'ec2:DescribeInternetGateways', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs'],
} as const satisfies Readonly<Record<string, readonly string[]>>;
