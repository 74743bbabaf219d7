/** One identity policy, by name. */
export interface NamedPolicy {
  readonly name: string;
  readonly policy: { readonly Version: string; readonly Statement: readonly unknown[] };
}

/** Who makes a call, when it is not an administrator: a role session with the role's policies. */
export interface Principal {
  /** `arn:aws:sts::<account>:assumed-role/<role>/<session>`: what STS GetCallerIdentity answers and refusals name. */
  readonly arn: string;
  readonly roleArn: string;
  /** `<role id>:<session name>`, as GetCallerIdentity gives it for a role session. */
  readonly userId: string;
  readonly accountId: string;
  readonly policies: readonly NamedPolicy[];
  /** Global condition keys of the principal (aws:PrincipalArn...). */
  readonly context: Readonly<Record<string, string>>;
}

/** Maps the access key a request is signed with to its principal; `undefined` for a caller with full access. */
export interface Identities {
  principalOf(accessKeyId: string): Principal | undefined;
}
