import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LabPolicies, type PolicyStatementJson, PSEUDO } from '../../contract/lab-policies-format';
import type { RoleSessionCredentials } from '../cloud/instance-services';
import type { IamSettings } from './local-iam';
import type { Principal } from './principal';

/** The IAM the stack deploys for each lab function, rendered from the synthesized template (`npm run policies`). */
export const LAB_POLICIES_PATH = join(__dirname, 'lab-policies.json');

/** The credentials Lambda gives one function's invocations: its role's session. */
export interface FunctionCredentials {
  readonly AWS_ACCESS_KEY_ID: string;
  readonly AWS_SECRET_ACCESS_KEY: string;
  readonly AWS_SESSION_TOKEN: string;
}

export interface LabIdentitiesScope {
  readonly partition: string;
  readonly region: string;
  readonly accountId: string;
}

/**
 * The lab's IAM principals, each a session of a role the stack deploys with
 * that role's statements, signing with temporary credentials of its own
 * (`ASIA…`), so the local cloud knows who a call comes from. Any other key is
 * an administrator's.
 *
 * - Each lab function runs as its own role, with the credentials Lambda hands
 *   its invocations; the session is named after the function.
 * - An instance with a lab instance profile calls as the profile's role, with
 *   the credentials its metadata service hands out; EC2 names that session
 *   after the instance, `assumed-role/<role>/<instance id>` (what an instance's
 *   calls show, e.g. `assumed-role/Autodeploy/i-0000000cc4` on Stack Overflow
 *   question 57262637; "Use an IAM role to grant permissions to applications
 *   running on Amazon EC2 instances", IAM User Guide, for the credentials).
 *   A session is known from the moment its credentials are handed out.
 */
export class LabIdentities implements IamSettings {
  private readonly byKey = new Map<string, Principal>();
  private readonly credentials = new Map<string, FunctionCredentials>();
  /** Instance profile ARN → the ARN of the role it holds. */
  readonly instanceProfiles: ReadonlyMap<string, string>;
  /** Role ARN → the statements of an instance role, filled in for this account and region. */
  private readonly instanceRoles: ReadonlyMap<string, unknown[]>;

  constructor(
    policies: LabPolicies,
    private readonly scope: LabIdentitiesScope,
  ) {
    const fill = (text: string): string =>
      text.replaceAll(PSEUDO.partition, scope.partition).replaceAll(PSEUDO.region, scope.region).replaceAll(PSEUDO.account, scope.accountId);
    const filled = (statements: readonly PolicyStatementJson[]): unknown[] => JSON.parse(fill(JSON.stringify(statements))) as unknown[];
    for (const [name, { role, statements }] of Object.entries(policies.functions)) {
      const accessKeyId = awsStyleId('ASIA', name);
      this.byKey.set(accessKeyId, this.roleSession(fill(role), name, filled(statements)));
      this.credentials.set(name, { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: `local-secret-${accessKeyId}`, AWS_SESSION_TOKEN: `local-session-${name}` });
    }
    this.instanceProfiles = new Map(Object.entries(policies.instanceProfiles).map(([profile, role]) => [fill(profile), fill(role)]));
    // A policy file rendered before instances had roles of their own names none.
    this.instanceRoles = new Map(Object.entries(policies.instanceRoles ?? {}).map(([role, statements]) => [fill(role), filled(statements)]));
  }

  private roleSession(roleArn: string, sessionName: string, statements: unknown[]): Principal {
    const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
    return {
      arn: `arn:${this.scope.partition}:sts::${this.scope.accountId}:assumed-role/${roleName}/${sessionName}`,
      roleArn,
      userId: `${awsStyleId('AROA', roleName)}:${sessionName}`,
      accountId: this.scope.accountId,
      policies: [{ name: `${roleName}DefaultPolicy`, policy: { Version: '2012-10-17', Statement: statements } }],
      // For a role session, aws:PrincipalArn is the role's ARN (IAM User Guide, "AWS global condition context keys").
      context: { 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': this.scope.accountId, 'aws:PrincipalType': 'AssumedRole' },
    };
  }

  /**
   * The credentials the metadata service of `instanceId` hands out for its
   * instance profile: the session of the profile's role named after the
   * instance. Undefined for a profile the stack does not deploy.
   */
  instanceSessionCredentials(profileArn: string, instanceId: string): RoleSessionCredentials | undefined {
    const roleArn = this.instanceProfiles.get(profileArn);
    if (roleArn === undefined) return undefined;
    const accessKeyId = awsStyleId('ASIA', `${roleArn}/${instanceId}`);
    if (!this.byKey.has(accessKeyId)) this.byKey.set(accessKeyId, this.roleSession(roleArn, instanceId, this.instanceRoles.get(roleArn) ?? []));
    return { accessKeyId, secretAccessKey: `local-secret-${accessKeyId}`, sessionToken: `local-session-${instanceId}` };
  }

  static fromFile(scope: LabIdentitiesScope, path = LAB_POLICIES_PATH): LabIdentities {
    return new LabIdentities(JSON.parse(readFileSync(path, 'utf8')) as LabPolicies, scope);
  }

  roleOfInstanceProfile(profileArn: string): string | undefined {
    return this.instanceProfiles.get(profileArn);
  }

  principalOf(accessKeyId: string): Principal | undefined {
    return this.byKey.get(accessKeyId);
  }

  /** The credentials of the function named `name`, or undefined for a function the stack does not deploy. */
  credentialsOf(name: string): FunctionCredentials | undefined {
    return this.credentials.get(name);
  }
}

/** A prefix (`ASIA` for a session's access key, `AROA` for a role's id) and sixteen base-32 characters, as AWS's look; derived from the name so a restart keeps them. */
export const awsStyleId = (prefix: string, name: string): string => {
  const digest = createHash('sha256').update(name).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `${prefix}${[...digest.subarray(0, 16)].map((byte) => alphabet[byte % 32]).join('')}`;
};
