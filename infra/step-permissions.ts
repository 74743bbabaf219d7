import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { AMI_PARAMETER, awsServiceName, GATEWAY_SERVICES, INTERFACE_SERVICE } from '../functions/lab/lab-topology';
import { VPC_QUOTAS } from '../functions/lab/build/quota-headroom';
import { ELB_DEPENDENT_EC2_ACTIONS } from '../functions/commons/dependent-actions';
import type { LabFunctionId } from '../contract/lab-function-ids';
import { labStateMachineName } from '../contract/lab-names';
import type { Conditions, Ec2Resource, TagBoundPolicy } from './tag-bound-policy';
import { VPCE_SERVICE_NAME_KEY, VPCE_SERVICE_OWNER_KEY } from '../functions/commons/endpoint-condition-keys';

/** What a step's permissions refer to besides the run's own resources. */
export interface StepContext {
  /** The lab instances' role: the only role a launch step may pass, and only to EC2. */
  readonly instanceRole: IRole;
}

type StepPermissions = (policy: TagBoundPolicy, context: StepContext) => void;

/** Both VPCs: subnets, internet gateway, route tables, security groups (functions/lab/build/network-building.ts). */
const buildNetwork: StepPermissions = (policy) =>
  policy
    .ec2Create('CreateVpc', ['vpc'])
    .ec2Change(['ModifyVpcAttribute'], ['vpc'])
    .ec2Create('CreateSubnet', ['subnet'], ['vpc'])
    .ec2Change(['ModifySubnetAttribute'], ['subnet'])
    .ec2Create('CreateInternetGateway', ['internet-gateway'])
    .ec2Change(['AttachInternetGateway'], ['internet-gateway', 'vpc'])
    .ec2Create('CreateRouteTable', ['route-table'], ['vpc'])
    .ec2Change(['CreateRoute'], ['route-table'])
    .ec2Change(['AssociateRouteTable'], ['route-table', 'subnet'])
    .ec2Create('CreateSecurityGroup', ['security-group'], ['vpc'])
    // The rules are tagged at creation too, which makes IAM check the security-group-rule resource as well.
    .ec2Create('AuthorizeSecurityGroupIngress', ['security-group-rule'], ['security-group'])
    .read('ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeInternetGateways', 'ec2:DescribeRouteTables', 'ec2:DescribeSecurityGroups');

/**
 * The endpoint services a step may connect to. CreateVpcEndpoint does not
 * authorize the service as a resource (Service Authorization Reference, EC2:
 * its resources are the endpoint and what it is placed in), so the endpoint
 * is bound to it by the condition keys of the service's owner and its
 * name ("Identity-based policy examples for AWS PrivateLink",
 * https://docs.aws.amazon.com/vpc/latest/privatelink/security_iam_id-based-policy-examples.html).
 */
type EndpointTarget = (scope: Stack) => Conditions;

/** AWS's own services, by their exact names in this stack's region. */
const awsServices =
  (services: readonly string[]): EndpointTarget =>
  (stack) => ({ StringEquals: { [VPCE_SERVICE_OWNER_KEY]: 'amazon', [VPCE_SERVICE_NAME_KEY]: services.map((service) => awsServiceName(stack.region, service)) } });

/**
 * The lab's own endpoint service: one this account owns, in this region. Its
 * id exists only once the run creates it, and the endpoint service is not a
 * resource of CreateVpcEndpoint, so no narrower binding (to the run's own
 * service, by its tag) can be said.
 */
const ownService: EndpointTarget = (stack) => ({
  StringEquals: { [VPCE_SERVICE_OWNER_KEY]: stack.account },
  StringLike: { [VPCE_SERVICE_NAME_KEY]: `com.amazonaws.vpce.${stack.region}.vpce-svc-*` },
});

/**
 * CreateVpcEndpoint, with the dependent actions the Service Authorization
 * Reference lists for it: EC2 reads the VPC, subnets and security groups it
 * is given, and with private DNS associates the VPC with the service's
 * private hosted zone on the caller's behalf. The step first lists the run's
 * endpoints, to find one an earlier attempt made.
 */
const createEndpoint =
  (uses: readonly Ec2Resource[], privateDns: boolean, target: EndpointTarget): StepPermissions =>
  (policy) => {
    policy
      .ec2Create('CreateVpcEndpoint', ['vpc-endpoint'], uses, target(Stack.of(policy.scope)))
      .read('ec2:DescribeVpcEndpoints', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups');
    if (!privateDns) return;
    policy.allow(
      ['route53:AssociateVPCWithHostedZone'],
      [
        {
          arn: policy.arn('route53', 'hostedzone', '*', { region: '', account: '' }),
          reason: 'the private hosted zone behind an AWS service endpoint\'s private DNS belongs to AWS and its id is not known beforehand',
        },
      ],
    );
  };
const interfaceEndpoint = (privateDns: boolean, target: EndpointTarget) => createEndpoint(['vpc', 'subnet', 'security-group'], privateDns, target);

/** RunInstances with the run's tags on the instance, its network interface and its volume; the image is Amazon's. */
const launchInstances: StepPermissions = (policy, { instanceRole }) =>
  policy
    .ec2Create('RunInstances', ['instance', 'network-interface', 'volume'], ['subnet', 'security-group'])
    .allow(
      ['ec2:RunInstances'],
      [
        {
          arn: policy.arn('ec2', 'image', '*', { account: '' }),
          reason: 'the AMI comes from the Amazon Linux public SSM parameter and belongs to Amazon, so it cannot carry the run tag; ec2:Owner=amazon limits it to Amazon images',
        },
      ],
      { StringEquals: { 'ec2:Owner': 'amazon' } },
    )
    .allow(['iam:PassRole'], [instanceRole.roleArn], { StringEquals: { 'iam:PassedToService': 'ec2.amazonaws.com' } });

/** The connection-acceptance policy, applied by the workflow and by the SNS subscriber alike. */
const decideConnections: StepPermissions = (policy) =>
  policy
    .ec2Change(['AcceptVpcEndpointConnections', 'RejectVpcEndpointConnections'], ['vpc-endpoint-service'])
    .read('ec2:DescribeVpcEndpointConnections', 'ec2:DescribeVpcEndpointServiceConfigurations');

/**
 * The lab-run state machine's executions, each named by its run id; the name
 * is fixed (`vpce-lab-lab-run`), so the ARN is spelled rather than taken from
 * the state machine, which is made after the functions it runs.
 */
const labRunExecutionsArn = (scope: Stack): string =>
  scope.formatArn({ service: 'states', resource: 'execution', resourceName: `${labStateMachineName('lab-run')}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME });

/**
 * Each step's permissions: exactly the AWS calls its handler makes (the
 * `...Command`s and paginators left in its bundle), plus the dependent
 * actions AWS checks with them (ec2:CreateTags for tags given at creation,
 * iam:PassRole for the instance profile, the EC2 reads ELB makes as the
 * caller...). test/infra/vpce-lab-stack.test.ts
 * compares each role with the calls in the deployed bundle.
 */
export const STEP_PERMISSIONS: Readonly<Record<LabFunctionId, StepPermissions>> = {
  Preflight: (policy) =>
    policy
      .read('ec2:DescribeAvailabilityZones', 'ec2:DescribeInstanceTypeOfferings', 'ec2:DescribeVpcEndpointServices', 'ec2:DescribeVpcs', 'ec2:DescribeVpcEndpoints')
      // AWS's public parameters have no account in their ARN.
      .allow(['ssm:GetParameter'], [policy.arn('ssm', 'parameter', AMI_PARAMETER.replace(/^\//, ''), { account: '' })])
      .allow(
        ['servicequotas:GetServiceQuota'],
        Object.values(VPC_QUOTAS).map((quota) => policy.arn('servicequotas', 'vpc', quota.code)),
      ),
  BuildConsumerNetwork: buildNetwork,
  LaunchConsumerInstances: launchInstances,
  AwaitInstancesManaged: (policy) => policy.read('ec2:DescribeInstances', 'ssm:DescribeInstanceInformation'),
  CreateGatewayEndpoints: (policy, context) => {
    createEndpoint(['vpc', 'route-table'], false, awsServices(GATEWAY_SERVICES))(policy, context);
    policy.read('ec2:DescribeRouteTables');
  },
  CreateInterfaceEndpoint: interfaceEndpoint(true, awsServices([INTERFACE_SERVICE])),
  AwaitVpcEndpointsAvailable: (policy) => policy.read('ec2:DescribeVpcEndpoints'),
  BuildProviderNetwork: buildNetwork,
  LaunchWebServers: launchInstances,
  CreateLoadBalancer: (policy) =>
    policy
      .elbCreate('CreateLoadBalancer', 'loadbalancer/net')
      .elbCreate('CreateTargetGroup', 'targetgroup')
      .elbCreate('CreateListener', 'listener/net')
      .read('elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeListeners', 'elasticloadbalancing:DescribeTags')
      .read(...ELB_DEPENDENT_EC2_ACTIONS.CreateLoadBalancer, ...ELB_DEPENDENT_EC2_ACTIONS.CreateTargetGroup)
      // The account's first load balancer creates Elastic Load Balancing's service-linked role.
      .allow(
        ['iam:CreateServiceLinkedRole'],
        [
          policy.arn('iam', 'role', 'aws-service-role/elasticloadbalancing.amazonaws.com/AWSServiceRoleForElasticLoadBalancing', { region: '' }),
        ],
        { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } },
      ),
  RegisterWebServers: (policy) =>
    policy.elbChange(['RegisterTargets'], ['targetgroup']).read('ec2:DescribeInstances', 'elasticloadbalancing:DescribeTags', ...ELB_DEPENDENT_EC2_ACTIONS.RegisterTargets),
  AwaitLoadBalancerActive: (policy) => policy.read('elasticloadbalancing:DescribeLoadBalancers'),
  CreateEndpointService: (policy) =>
    policy
      .ec2Create('CreateVpcEndpointServiceConfiguration', ['vpc-endpoint-service'])
      .ec2Change(['ModifyVpcEndpointServicePermissions', 'CreateVpcEndpointConnectionNotification'], ['vpc-endpoint-service'])
      .read('ec2:DescribeVpcEndpointServicePermissions', 'elasticloadbalancing:DescribeTags'),
  AwaitEndpointServiceAvailable: (policy) => policy.read('ec2:DescribeVpcEndpointServiceConfigurations'),
  // The lab's own service has no private DNS name.
  CreateServiceEndpoint: interfaceEndpoint(false, ownService),
  AwaitConnectionAccepted: decideConnections,
  AwaitTargetsHealthy: (policy) => policy.read('elasticloadbalancing:DescribeTargetHealth'),
  // The document is AWS's own; the instance must be one of the run's.
  SendChecks: (policy) => policy.allow(['ssm:SendCommand'], [policy.arn('ssm', 'document', 'AWS-RunShellScript', { account: '' })]).onTaggedEc2(['ssm:SendCommand'], ['instance']),
  CollectChecks: (policy) => policy.read('ssm:GetCommandInvocation'),
  BuildReport: () => undefined,
  OpenLesson: () => undefined,
  AwaitStudent: () => undefined,
  // SSM's command history of the public instance: these actions take no resource (Service Authorization Reference).
  ListStudentCommands: (policy) => policy.read('ssm:ListCommands', 'ssm:ListCommandInvocations'),
  DeleteVpcEndpoints: (policy) => policy.ec2Change(['DeleteVpcEndpoints'], ['vpc-endpoint']).read('ec2:DescribeVpcEndpoints'),
  // Connection notifications have no ARN of their own: IAM checks the endpoint service they belong to.
  DeleteEndpointService: (policy) =>
    policy
      .ec2Change(['RejectVpcEndpointConnections', 'DeleteVpcEndpointConnectionNotifications', 'DeleteVpcEndpointServiceConfigurations'], ['vpc-endpoint-service'])
      .read('ec2:DescribeVpcEndpointServiceConfigurations', 'ec2:DescribeVpcEndpointConnections', 'ec2:DescribeVpcEndpointConnectionNotifications'),
  DeleteLoadBalancer: (policy) => policy.elbChange(['DeleteLoadBalancer'], ['loadbalancer/net']).read('elasticloadbalancing:DescribeLoadBalancers', 'elasticloadbalancing:DescribeTags'),
  DeleteTargetGroups: (policy) => policy.elbChange(['DeleteTargetGroup'], ['targetgroup']).read('elasticloadbalancing:DescribeTargetGroups', 'elasticloadbalancing:DescribeTags'),
  TerminateInstances: (policy) => policy.ec2Change(['TerminateInstances'], ['instance']).read('ec2:DescribeInstances'),
  AwaitInstancesTerminated: (policy) => policy.read('ec2:DescribeInstances'),
  AwaitNetworkInterfacesReleased: (policy) => policy.read('ec2:DescribeNetworkInterfaces', 'ec2:DescribeVpcs'),
  DeleteNetworks: (policy) =>
    policy
      .ec2Change(['DetachInternetGateway'], ['internet-gateway', 'vpc'])
      .ec2Change(['DeleteInternetGateway'], ['internet-gateway'])
      .ec2Change(['DeleteRouteTable'], ['route-table'])
      .ec2Change(['DeleteSecurityGroup'], ['security-group'])
      .ec2Change(['DeleteSubnet'], ['subnet'])
      .ec2Change(['DeleteVpc'], ['vpc'])
      .read('ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeInternetGateways', 'ec2:DescribeRouteTables', 'ec2:DescribeSecurityGroups'),
  DiscoverExpiredRuns: (policy) =>
    policy
      .read(
        'ec2:DescribeVpcs',
        'ec2:DescribeInstances',
        'ec2:DescribeVpcEndpoints',
        'ec2:DescribeVpcEndpointServiceConfigurations',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTags',
      )
      // Whether an expired run's lab-run execution still runs: the executions of that one state machine only.
      .allow(
        ['states:DescribeExecution'],
        [{ arn: labRunExecutionsArn(Stack.of(policy.scope)), reason: 'the lab-run executions, named by run ids that exist only once a run starts; the pattern is limited to that one state machine' }],
      ),
  AcceptConnection: decideConnections,
};
