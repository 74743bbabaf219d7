import type { StepDependencies } from '../../commons/lab-step';
import { answered } from '../aws/aws-answer';
import type { LabRun } from '../lab-run';
import type { Consumer, VpcEndpointIds } from '../lab-state';
import { awsServiceName, LOGICAL, SSM_MANAGEMENT_SERVICES } from '../lab-topology';
import { createEndpointInSubnet } from './vpc-endpoints';

/**
 * CreateManagementEndpoints: the SSM endpoints in the private subnet, with
 * private DNS, so the private instance can be managed without internet. A
 * step of its own, taken once the instances are launched: they boot while
 * EC2 makes the endpoints, and a retry after throttling asks only for the
 * endpoints still missing instead of walking the whole network again.
 */
export async function createManagementEndpoints(input: { run: LabRun; consumer: Consumer }, { clients: { ec2 } }: StepDependencies): Promise<VpcEndpointIds> {
  const { run, consumer } = input;
  const vpcEndpointIds: string[] = [];
  for (const service of SSM_MANAGEMENT_SERVICES) {
    const endpoint = await createEndpointInSubnet(ec2, run, LOGICAL.managementEndpoint(service), {
      vpcId: consumer.vpcId,
      serviceName: awsServiceName(run.region, service),
      subnetId: consumer.privateSubnetId,
      securityGroupId: consumer.endpointSecurityGroupId,
      privateDns: true,
    });
    vpcEndpointIds.push(answered(endpoint.VpcEndpointId, `the ${service} endpoint's id`));
  }
  return { vpcEndpointIds };
}
