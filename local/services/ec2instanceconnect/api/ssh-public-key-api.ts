import type { SendSSHPublicKeyRequest, SendSSHPublicKeyResponse } from '@aws-sdk/client-ec2-instance-connect';
import type { CloudRuntime } from '../../../cloud/cloud-runtime';
import type { RequestContext } from '../../../protocol/http-answer';
import { type Operation, operation } from '../../../protocol/service-provider';
import { parsePublicKeyLine } from '../../../network/openssh-keys';
import { ec2Tables } from '../../ec2/model/ec2-tables';
import { instanceConnectError, instanceConnectValidation, SEND_SSH_PUBLIC_KEY_REQUIRED } from '../model/instance-connect-errors';
import { pushedKeysTable, pushKey } from '../model/pushed-keys';


/**
 * SendSSHPublicKey: the key is kept for the instance and OS user for 60
 * seconds of the cloud's clock, where the instance's sshd finds it. The
 * service does not check that the OS user exists on the instance ("does not
 * verify and/or return error if username is incorrect or does not exist on
 * target instance", elpy1/ssh-over-ssm#6): sshd refuses such a login later.
 */
export function sshPublicKeyOperations(runtime: CloudRuntime): Record<string, Operation> {
  const instances = ec2Tables(runtime.store).instances;
  const keys = pushedKeysTable(runtime.store);
  return {
    SendSSHPublicKey: operation(
      { InstanceId: true, InstanceOSUser: true, SSHPublicKey: true, AvailabilityZone: true },
      (input: SendSSHPublicKeyRequest, request: RequestContext): SendSSHPublicKeyResponse => {
        instanceConnectValidation({ ...input }, SEND_SSH_PUBLIC_KEY_REQUIRED);
        const instanceId = input.InstanceId as string;
        const instance = instances.get(instanceId);
        // "Indicates that the instance requested was not found in the given zone. Check that you have provided a valid
        // instance ID and the correct zone." (the service model's earlier description of EC2InstanceNotFoundException, as
        // rusoto_ec2_instance_connect 0.46 carries it): an instance of another region or zone is not found.
        if (!instance || instance.region !== request.region || (input.AvailabilityZone !== undefined && input.AvailabilityZone !== instance.availabilityZone)) {
          throw instanceConnectError('EC2InstanceNotFoundException', `The specified instance was not found: ${instanceId}${input.AvailabilityZone === undefined ? '' : ` in ${input.AvailabilityZone}`}.`);
        }
        // A pending instance is still booting: no AWS source says which error it gets; "The instance is currently
        // unavailable. Wait a few minutes and try again." (EC2InstanceUnavailableException) is the one that fits.
        if (instance.state === 'pending') throw instanceConnectError('EC2InstanceUnavailableException', `The instance is currently unavailable. Wait a few minutes and try again: ${instanceId} is pending.`);
        if (instance.state !== 'running') {
          throw instanceConnectError(
            'EC2InstanceStateInvalidException',
            `Unable to connect because the instance is not in a valid state. Connecting to a stopped or terminated instance is not supported: ${instanceId} is ${instance.state}.`,
          );
        }
        // RSA and ED25519 keys ("Requirements for key pairs", EC2 User Guide, where the API Reference points for the
        // formats); an ed25519-sk key is refused (aws/aws-sdk#212). Of the formats those requirements name, the model
        // reads OpenSSH's only: an SSH2 (RFC 4716) key is refused as not modelled rather than called invalid.
        if (/^---- BEGIN SSH2 PUBLIC KEY ----/.test(input.SSHPublicKey as string)) {
          throw instanceConnectError('InvalidArgsException', 'The local cloud does not model SSH2 (RFC 4716) public keys, and refuses the request rather than ignore it.');
        }
        const key = parsePublicKeyLine(input.SSHPublicKey as string);
        if (!key) throw instanceConnectError('InvalidArgsException', 'One of the parameters is not valid: the SSH public key is not an OpenSSH ssh-ed25519 or ssh-rsa public key.');
        pushKey(keys, runtime.clock, { id: request.requestId, instanceId, osUser: input.InstanceOSUser as string, key }, request.receivedAt);
        return { RequestId: request.requestId, Success: true };
      },
    ),
  };
}
