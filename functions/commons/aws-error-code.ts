/**
 * The AWS error code of a failed SDK call: EC2 names it on the error
 * (`InvalidVpcID.NotFound`); ELBv2's modelled errors carry the wire code in
 * `Code` (`LoadBalancerNotFound`) and the SDK's class name in `name`
 * (`LoadBalancerNotFoundException`), so both forms are read the same way.
 */
export function awsErrorCode(error: unknown): string | undefined {
  if (!(Error.isError(error))) return undefined;
  const code = (error as { Code?: unknown }).Code;
  return typeof code === 'string' ? code : error.name.replace(/Exception$/, '');
}

/** "Already gone": every …NotFound AWS answers for a resource that does not exist (any more). */
export const isGoneCode = (code: string | undefined): boolean => code !== undefined && /NotFound$/.test(code);

/** "Something still depends on it": what a delete answers while a dependent is not yet released. */
export const isDependencyCode = (code: string | undefined): boolean => code === 'DependencyViolation' || code === 'ResourceInUse';

/** Runs an AWS call whose "already gone" answer means the work is done; false when it was gone already. */
export async function unlessGone(call: () => Promise<unknown>): Promise<boolean> {
  try {
    await call();
    return true;
  } catch (error) {
    if (isGoneCode(awsErrorCode(error))) return false;
    throw error;
  }
}
