import type { StepDependencies } from '../../commons/lab-step';
import { answered } from '../aws/aws-answer';
import type { LabRun } from '../lab-run';
import type { Consumer, VpcEndpointIds } from '../lab-state';
import { awsServiceName, INTERFACE_SERVICE, LOGICAL } from '../lab-topology';
import { createEndpointInSubnet } from './vpc-endpoints';

/**
 * CreateInterfaceEndpoint (interface lesson): a CloudFormation endpoint in the
 * private subnet with private DNS, so the service's public name answers
 * private addresses of the consumer VPC.
 */
export async function createInterfaceEndpoint(input: { run: LabRun; consumer: Consumer }, { clients: { ec2 } }: StepDependencies): Promise<VpcEndpointIds> {
  const { run, consumer } = input;
  const endpoint = await createEndpointInSubnet(ec2, run, LOGICAL.interfaceEndpoint, {
    vpcId: consumer.vpcId,
    serviceName: awsServiceName(run.region, INTERFACE_SERVICE),
    subnetId: consumer.privateSubnetId,
    securityGroupId: consumer.endpointSecurityGroupId,
    privateDns: true,
  });
  return { vpcEndpointIds: [answered(endpoint.VpcEndpointId, `the ${INTERFACE_SERVICE} endpoint's id`)] };
}
