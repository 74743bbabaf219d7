import { awsSeconds } from '../../contract/latency-profile';
import type { InstanceRecord } from '../services/ec2/model/ec2-records';
import { activeKeys } from '../services/ec2instanceconnect/model/pushed-keys';
import type { NetworkView } from './network-view';
import type { PublicKey } from './openssh-keys';

export const SSH_PORT = 22;

/**
 * The login user of Amazon Linux AMIs ("Connect to your Linux instance using
 * SSH", EC2 User Guide), the one account of an instance the model knows.
 */
export const AMAZON_LINUX_USER = 'ec2-user';

/**
 * The methods sshd of Amazon Linux offers a client whose key it refuses, as
 * ssh reports them: "ec2-user@35.176.217.237: Permission denied
 * (publickey,gssapi-keyex,gssapi-with-mic)." after a key pushed with EC2
 * Instance Connect (aws/aws-ec2-instance-connect-config#32); password
 * authentication is off in Amazon Linux's sshd_config.
 */
export const AUTHENTICATION_METHODS = 'publickey,gssapi-keyex,gssapi-with-mic';

/** "By default, AL2023 generates ed25519 and ECDSA host keys" (AL2023 User Guide, "Default SSH server configuration"); OpenSSH's client prefers Ed25519. */
export const HOST_KEY_TYPE = 'ED25519';

/**
 * Whether sshd listens on the instance: from the moment its boot has started
 * the systemd services. sshd.service starts at boot as amazon-ssm-agent.service
 * does, so the model takes the same time from `running` as for the agent's
 * first ping (`ssmAgentOnline` of the latency profile; AWS publishes no figure
 * for either). An instance whose state was kept before its running time was
 * recorded has long been up.
 */
export function sshdListening(view: NetworkView, instance: InstanceRecord): boolean {
  if (instance.state !== 'running') return false;
  return instance.runningAt === undefined || view.clock.now() >= instance.runningAt + view.clock.scaled(awsSeconds('ssmAgentOnline'));
}

/**
 * Whether sshd of `instance` lets `user` in with `key` at `at`: Amazon Linux
 * 2023 ships EC2 Instance Connect, whose AuthorizedKeysCommand gives sshd the
 * keys pushed for the user that have not expired ("Install EC2 Instance
 * Connect", EC2 User Guide; src/bin/eic_curl_authorized_keys reads
 * `managed-ssh-keys/active-keys/<user>/` from the instance metadata). The
 * instance has no authorized_keys of its own here: it was launched without
 * a key pair.
 */
export function sshdAccepts(view: NetworkView, instance: InstanceRecord, user: string, key: PublicKey | undefined, at: number): boolean {
  if (!key || user !== AMAZON_LINUX_USER) return false;
  return activeKeys(view.pushedKeys, instance.id, user, at).some((pushed) => pushed.key.type === key.type && pushed.key.blob === key.blob);
}
