/**
 * The hop the seed's walk-through takes to the private instance: log in to
 * the public one and `ssh` on from there. No key is stored anywhere: each
 * check makes a key pair on the public instance, pushes its public half to
 * the private instance with EC2 Instance Connect (valid for 60 seconds,
 * SendSSHPublicKey, EC2 Instance Connect API Reference), and connects with
 * it. Amazon Linux 2023 comes with EC2 Instance Connect, which has sshd read
 * pushed keys from the instance metadata, so the private instance needs no
 * route out ("Install EC2 Instance Connect", EC2 User Guide).
 */

/** The default user of Amazon Linux AMIs ("Connect to your Linux instance using SSH", EC2 User Guide). */
export const BASTION_OS_USER = 'ec2-user';

/**
 * ssh's own failures exit 255 ("ssh exits with the exit status of the remote
 * command or with 255 if an error occurred", ssh(1)); the AWS CLI's exit 252
 * to 255 (AWS CLI User Guide, "Command line return codes"). No command a
 * check runs exits that high, so such a status is the hop failing, never the
 * lesson's answer.
 */
export const HOP_FAILED_FROM_EXIT = 252;

export interface HopTarget {
  readonly region: string;
  readonly instanceId: string;
  readonly privateIp: string;
}

/** `text` as one single-quoted shell word, `'` written as `'\''`. */
export const shellQuoted = (text: string): string => `'${text.replaceAll("'", `'\\''`)}'`;

/**
 * The script the public instance runs for one check: a fresh key pair under
 * `/tmp` named for the check, its public half pushed, then the check over
 * ssh. The key is made again for every check: Instance Connect keeps a pushed
 * key for 60 seconds only.
 */
export function bastionScript(checkId: string, command: string, target: HopTarget, hop: { readonly quiet?: boolean } = {}): string[] {
  const key = `/tmp/vpce-lab-${checkId}`;
  // LogLevel=ERROR keeps ssh's own notice of the host key it adds (at INFO) out of what the command prints.
  const quiet = hop.quiet ? ' -o LogLevel=ERROR' : '';
  return [
    `rm -f ${key} ${key}.pub`,
    `ssh-keygen -q -t ed25519 -N '' -f ${key}`,
    `aws ec2-instance-connect send-ssh-public-key --region ${target.region} --instance-id ${target.instanceId} --instance-os-user ${BASTION_OS_USER} --ssh-public-key file://${key}.pub >/dev/null && ` +
      `ssh -i ${key} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10${quiet} ${BASTION_OS_USER}@${target.privateIp} ${shellQuoted(command)}`,
  ];
}
