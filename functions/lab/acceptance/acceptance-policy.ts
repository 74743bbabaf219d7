/** Whether a connection request to the lab's endpoint service is accepted, and why (logged either way). */
export interface ConnectionDecision {
  readonly accept: boolean;
  readonly reason: string;
}

/**
 * The one acceptance policy, shared by the SNS `accept-connection` handler
 * and the workflow's own fallback, so both decide the same way: accept an
 * endpoint whose owner account is allow-listed, reject any other.
 */
export function decideConnection(owner: string | undefined, allowList: readonly string[]): ConnectionDecision {
  if (!owner) return { accept: false, reason: 'the connection request names no endpoint owner' };
  if (allowList.includes(owner)) return { accept: true, reason: `endpoint owner ${owner} is allow-listed` };
  return { accept: false, reason: `endpoint owner ${owner} is not in the allow-list (${allowList.join(', ') || 'empty'})` };
}
