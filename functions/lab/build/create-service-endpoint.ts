import type { StepDependencies } from '../../commons/lab-step';
import { answered } from '../aws/aws-answer';
import type { LabRun } from '../lab-run';
import type { Consumer, EndpointService, ServiceEndpoint } from '../lab-state';
import { LOGICAL } from '../lab-topology';
import { createEndpointInSubnet } from './vpc-endpoints';

/**
 * CreateServiceEndpoint (service lesson): the consumer's interface endpoint
 * to the lab's endpoint service, in the private subnet. It starts
 * `pendingAcceptance`; `dnsName` is its regional DNS name (the first entry
 * EC2 lists), which the verification digs and curls.
 */
export async function createServiceEndpoint(input: { run: LabRun; consumer: Consumer; endpointService: EndpointService }, { clients: { ec2 } }: StepDependencies): Promise<ServiceEndpoint> {
  const { run, consumer, endpointService } = input;
  const endpoint = await createEndpointInSubnet(ec2, run, LOGICAL.serviceEndpoint, {
    vpcId: consumer.vpcId,
    serviceName: endpointService.serviceName,
    subnetId: consumer.privateSubnetId,
    securityGroupId: consumer.endpointSecurityGroupId,
    // An endpoint service without a verified private DNS name has none to offer.
    privateDns: false,
  });
  return {
    vpcEndpointId: answered(endpoint.VpcEndpointId, "the service endpoint's id"),
    dnsName: answered(endpoint.DnsEntries?.[0]?.DnsName, "the service endpoint's DNS name"),
  };
}
