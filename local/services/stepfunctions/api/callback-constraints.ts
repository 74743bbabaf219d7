import { ServiceError } from '../../../protocol/service-error';

/** One member's constraints, as the service model (and the API Reference) gives them. */
interface MemberConstraint {
  readonly required?: boolean;
  readonly min?: number;
  readonly max: number;
  /** The model marks it sensitive (SensitiveData, SensitiveError, SensitiveCause): its value is not repeated in the message. */
  readonly sensitive?: boolean;
  /** "Length constraints apply to the payload size, and are expressed as bytes in UTF-8 encoding." (SendTaskSuccess, output.) */
  readonly bytes?: boolean;
}

/**
 * The members of SendTaskSuccess, SendTaskFailure and SendTaskHeartbeat
 * (AWS Step Functions API Reference, each action's Request Parameters):
 * taskToken 1 to 2048 characters and required; output at most 262144 bytes
 * of UTF-8 and required; error at most 256 characters; cause at most 32768.
 */
export const TASK_TOKEN: MemberConstraint = { required: true, min: 1, max: 2048 };
export const OUTPUT: MemberConstraint = { required: true, max: 262_144, sensitive: true, bytes: true };
export const ERROR: MemberConstraint = { max: 256, sensitive: true };
export const CAUSE: MemberConstraint = { max: 32_768, sensitive: true };

/**
 * Refuses the input that breaks its members' constraints (given in the
 * order of the request's members in the model), every one named in
 * a single ValidationException in the service framework's words ("1
 * validation error detected: Value null at 'taskToken' failed to satisfy
 * constraint: Member must not be null", as the other Step Functions
 * operations here answer). For a sensitive member the value is left out:
 * AWS's wording for those is recorded in no source found, and a message
 * must not repeat a 256 KB output.
 */
export function requireConstraints(members: Readonly<Record<string, readonly [string | undefined, MemberConstraint]>>): void {
  const problems: string[] = [];
  for (const [member, [value, constraint]] of Object.entries(members)) {
    const at = `at '${member}' failed to satisfy constraint: Member must`;
    if (value === undefined) {
      if (constraint.required) problems.push(`Value null ${at} not be null`);
      continue;
    }
    const length = constraint.bytes ? Buffer.byteLength(value, 'utf8') : value.length;
    const shown = constraint.sensitive ? 'Value' : `Value '${value}'`;
    if (constraint.min !== undefined && length < constraint.min) problems.push(`${shown} ${at} have length greater than or equal to ${constraint.min}`);
    else if (length > constraint.max) problems.push(`${shown} ${at} have length less than or equal to ${constraint.max}`);
  }
  if (problems.length === 0) return;
  throw new ServiceError('ValidationException', `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`);
}
