/**
 * The shape of local/iam/lab-policies.json: the IAM the stack gives each lab
 * function and the lab's instances, rendered from the synthesized template by
 * infra/lab-policies.ts.
 */

/** One statement as IAM reads it, every value a string. */
export interface PolicyStatementJson {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface LabPolicies {
  /** By function name (`vpce-lab-Preflight`): the ARN of the role it runs as and that role's statements. */
  readonly functions: Readonly<Record<string, { readonly role: string; readonly statements: readonly PolicyStatementJson[] }>>;
  /** Instance profile ARN → the role it holds: what iam:PassRole is checked on when RunInstances names the profile. */
  readonly instanceProfiles: Readonly<Record<string, string>>;
  /**
   * Role ARN → the statements of its own policies, for each role an instance
   * profile holds. AWS managed policies the role has (AmazonSSMManagedInstanceCore)
   * are not rendered: the template holds only their ARN.
   */
  readonly instanceRoles: Readonly<Record<string, readonly PolicyStatementJson[]>>;
}

/** The placeholders the file keeps for CloudFormation's pseudo parameters, filled in where the local cloud runs. */
export const PSEUDO = { partition: '${AWS::Partition}', region: '${AWS::Region}', account: '${AWS::AccountId}' } as const;
