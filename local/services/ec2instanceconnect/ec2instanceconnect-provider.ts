import type { CloudRuntime } from '../../cloud/cloud-runtime';
import type { ServiceProvider } from '../../protocol/service-provider';
import { ec2Tables } from '../ec2/model/ec2-tables';
import { sshPublicKeyOperations } from './api/ssh-public-key-api';
import { instanceConnectAuthorization } from './iam/instance-connect-authorization';

/**
 * EC2 Instance Connect (JSON 1.1, target prefix `AWSEC2InstanceConnectService`, signing name `ec2-instance-connect`):
 * SendSSHPublicKey, whose keys the instances' sshd reads (local/network/shell/ssh-command.ts).
 * SendSerialConsoleSSHPublicKey is not modelled: the dispatcher refuses it as an operation this endpoint does not
 * support. AWS publishes no API rate limit for the service, so none is held; an injected throttling answers its own
 * ThrottlingException (local/cloud/faults.ts). A call IAM refuses answers the JSON services' AccessDeniedException
 * ("Common Errors", AWS API references): no source found shows whether EC2 Instance Connect answers that or its own
 * AuthException ("you do not have access to the EC2 instance").
 */
export function createEc2InstanceConnectProvider(runtime: CloudRuntime): ServiceProvider {
  return {
    service: 'ec2-instance-connect',
    operations: sshPublicKeyOperations(runtime),
    // "One of the parameters is not valid." (API Reference, InvalidArgsException): the service's answer to input it cannot act on.
    unmodelledParameterCode: 'InvalidArgsException',
    authorization: instanceConnectAuthorization(ec2Tables(runtime.store).instances),
  };
}
