import * as instanceConnect from '@aws-sdk/client-ec2-instance-connect';
import { NormalizedSchema } from '@smithy/core/schema';
import type { StaticErrorSchema } from '@smithy/types';
import { ServiceError } from '../../../protocol/service-error';

type ErrorName =
  | 'EC2InstanceNotFoundException'
  | 'EC2InstanceStateInvalidException'
  | 'EC2InstanceUnavailableException'
  | 'InvalidArgsException';

/**
 * An EC2 Instance Connect error with the HTTP status and fault the service
 * model gives it (the error schemas of @aws-sdk/client-ec2-instance-connect:
 * `httpError` 404 for EC2InstanceNotFoundException, 503 for
 * EC2InstanceUnavailableException, 400 for the others; the API Reference
 * lists 400 for every one, so the model's figure is taken). AWS's wording of
 * these messages is recorded in no source found, but for InvalidArgsException
 * on a constraint (see instanceConnectValidation): each message is the
 * error's description in the API Reference, with what it is about.
 */
export function instanceConnectError(name: ErrorName, message: string): ServiceError {
  const traits = NormalizedSchema.of(instanceConnect[`${name}$`] as StaticErrorSchema).getMergedTraits();
  return new ServiceError(name, message, Number(traits.httpError ?? 400), traits.error !== 'server');
}

interface Constraint {
  readonly member: string;
  readonly min: number;
  readonly max: number;
  readonly pattern?: RegExp;
}

/**
 * The constraints of SendSSHPublicKey's members (botocore
 * ec2-instance-connect/2018-04-02/service-2.json: InstanceId 10 to 32 and
 * `^i-[a-f0-9]+$`, InstanceOSUser 1 to 32 and its pattern, SSHPublicKey 80 to
 * 4096, AvailabilityZone 6 to 32 and `^(\w+-){2,3}\d+\w+$`), in the order of
 * the members, with the wire names the messages use.
 */
export const SEND_SSH_PUBLIC_KEY_CONSTRAINTS: Readonly<Record<string, Constraint>> = {
  InstanceId: { member: 'instanceId', min: 10, max: 32, pattern: /^i-[a-f0-9]+$/ },
  InstanceOSUser: {
    member: 'instanceOSUser',
    min: 1,
    max: 32,
    pattern: /(^[A-Za-z_][A-Za-z0-9@._-]{0,30}[A-Za-z0-9$_-]?$)|(^(?=.{2,32}$)[0-9]{1,32}[A-Za-z@._-][A-Za-z0-9@._-]*[A-Za-z0-9$_-]?$)/,
  },
  SSHPublicKey: { member: 'sshPublicKey', min: 80, max: 4096 },
  AvailabilityZone: { member: 'availabilityZone', min: 6, max: 32, pattern: /^(\w+-){2,3}\d+\w+$/ },
};

/** The members SendSSHPublicKey requires (botocore's `required`); AvailabilityZone is optional. */
export const SEND_SSH_PUBLIC_KEY_REQUIRED: readonly string[] = Object.keys(SEND_SSH_PUBLIC_KEY_CONSTRAINTS).filter((member) => member !== 'AvailabilityZone');

/** Shown as the model writes the pattern (its `\@` and `\.` escapes included), as the service's message quotes it. */
const PATTERN_TEXT: Readonly<Record<string, string>> = {
  InstanceId: '^i-[a-f0-9]+$',
  InstanceOSUser: '(^[A-Za-z_][A-Za-z0-9\\@\\._-]{0,30}[A-Za-z0-9\\$_-]?$)|(^(?=.{2,32}$)[0-9]{1,32}[A-Za-z\\@\\._-][A-Za-z0-9\\@\\._-]*[A-Za-z0-9\\$_-]?$)',
  AvailabilityZone: '^(\\w+-){2,3}\\d+\\w+$',
};

/**
 * Every constraint the input breaks, refused as one InvalidArgsException in
 * the service framework's words: "1 validation error detected: Value
 * 'mi-048afb7f6460a110d' at 'instanceId' failed to satisfy constraint: Member
 * must satisfy regular expression pattern: ^i-[a-f0-9]+$" is what AWS
 * answered a SendSSHPublicKey (mludvig/aws-ssm-tools#44); the length and null
 * forms are the same framework's (as SSM and Service Quotas word them).
 */
export function instanceConnectValidation(input: Readonly<Record<string, string | undefined>>, required: readonly string[]): void {
  const problems: string[] = [];
  for (const [name, constraint] of Object.entries(SEND_SSH_PUBLIC_KEY_CONSTRAINTS)) {
    const value = input[name];
    const at = `at '${constraint.member}' failed to satisfy constraint: Member must`;
    if (value === undefined) {
      if (required.includes(name)) problems.push(`Value null ${at} not be null`);
      continue;
    }
    if (value.length < constraint.min) problems.push(`Value '${value}' ${at} have length greater than or equal to ${constraint.min}`);
    else if (value.length > constraint.max) problems.push(`Value '${value}' ${at} have length less than or equal to ${constraint.max}`);
    else if (constraint.pattern && !constraint.pattern.test(value)) problems.push(`Value '${value}' ${at} satisfy regular expression pattern: ${PATTERN_TEXT[name]}`);
  }
  if (problems.length === 0) return;
  const count = `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected`;
  throw instanceConnectError('InvalidArgsException', `${count}: ${problems.join('; ')}`);
}
