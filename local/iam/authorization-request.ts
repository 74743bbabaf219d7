/** The values of condition keys a request carries, as IAM sees them. */
export type RequestContextValues = Readonly<Record<string, string | readonly string[]>>;

/**
 * One authorization AWS makes for a call: an action on one resource, with the
 * context of that resource. A call is allowed only when every one of its
 * authorizations is: each resource the Service Authorization Reference lists
 * for the action, and the actions AWS checks with it (tags on create, the
 * role passed, the EC2 reads ELB makes as the caller).
 */
export interface AuthorizationRequest {
  /** `service:Action`. */
  readonly action: string;
  /** The resource's ARN; `<type>/*` for one the call creates; `*` for actions without resource-level permissions. */
  readonly resource: string;
  readonly context: RequestContextValues;
  /**
   * A resource the call names that IAM checks only when the SAR lists its
   * type for the action (CreateRoute's gateway, the consumer endpoints
   * AcceptVpcEndpointConnections names); without it, a type the SAR does not
   * list is a defect of the resolver.
   */
  readonly ifListed?: boolean;
}

/** Where a call runs, and what IAM knows besides the services' models. */
export interface AuthorizationScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
  /** The ARN of the role an instance profile holds, or undefined for a profile IAM does not have. */
  readonly roleOfInstanceProfile: (profileArn: string) => string | undefined;
}

/**
 * What one operation of a service asks IAM for, given the call's input; the
 * provider's model supplies the resources' tags. A resource the call names
 * that does not exist is left out, for the operation to refuse as not found:
 * no AWS source says which of the two errors AWS gives a caller without
 * permission on an id that does not exist; this one tells the caller more.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each resolver reads its own operation's input
export type AuthorizationResolver = (input: any, scope: AuthorizationScope) => AuthorizationRequest[];

export const ANY_RESOURCE = '*';

/** `aws:RequestTag/<key>` for each tag and `aws:TagKeys`: what a request that sets tags carries. */
export function requestTagContext(tags: Readonly<Record<string, string>>): Record<string, string | string[]> {
  const keys = Object.keys(tags);
  if (keys.length === 0) return {};
  return { ...Object.fromEntries(keys.map((key) => [`aws:RequestTag/${key}`, tags[key] as string])), 'aws:TagKeys': keys };
}

/** `aws:ResourceTag/<key>` for each tag the resource carries. */
export const resourceTagContext = (tags: Readonly<Record<string, string>>): Record<string, string> =>
  Object.fromEntries(Object.entries(tags).map(([key, value]) => [`aws:ResourceTag/${key}`, value]));
