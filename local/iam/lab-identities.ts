import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type LabPolicies, PSEUDO } from '../../contract/lab-policies-format';
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
 * The lab functions as IAM principals: each runs as its own role, with the
 * statements the stack gives that role, signing with credentials of its own
 * (temporary ones, `ASIA…`, as Lambda hands out), so the local cloud knows
 * which function a call comes from. Any other key is an administrator's.
 */
export class LabIdentities implements IamSettings {
  private readonly byKey = new Map<string, Principal>();
  private readonly credentials = new Map<string, FunctionCredentials>();
  /** Instance profile ARN → the ARN of the role it holds. */
  readonly instanceProfiles: ReadonlyMap<string, string>;

  constructor(policies: LabPolicies, scope: LabIdentitiesScope) {
    const fill = (text: string): string =>
      text.replaceAll(PSEUDO.partition, scope.partition).replaceAll(PSEUDO.region, scope.region).replaceAll(PSEUDO.account, scope.accountId);
    for (const [name, { role, statements }] of Object.entries(policies.functions)) {
      const roleArn = fill(role);
      const roleName = roleArn.slice(roleArn.lastIndexOf('/') + 1);
      const arn = `arn:${scope.partition}:sts::${scope.accountId}:assumed-role/${roleName}/${name}`;
      const accessKeyId = awsStyleId('ASIA', name);
      this.byKey.set(accessKeyId, {
        arn,
        roleArn,
        userId: `${awsStyleId('AROA', roleName)}:${name}`,
        accountId: scope.accountId,
        policies: [{ name: `${roleName}DefaultPolicy`, policy: { Version: '2012-10-17', Statement: JSON.parse(fill(JSON.stringify(statements))) as unknown[] } }],
        // For a role session, aws:PrincipalArn is the role's ARN (IAM User Guide, "AWS global condition context keys").
        context: { 'aws:PrincipalArn': roleArn, 'aws:PrincipalAccount': scope.accountId, 'aws:PrincipalType': 'AssumedRole' },
      });
      this.credentials.set(name, { AWS_ACCESS_KEY_ID: accessKeyId, AWS_SECRET_ACCESS_KEY: `local-secret-${accessKeyId}`, AWS_SESSION_TOKEN: `local-session-${name}` });
    }
    this.instanceProfiles = new Map(Object.entries(policies.instanceProfiles).map(([profile, role]) => [fill(profile), fill(role)]));
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
const awsStyleId = (prefix: string, name: string): string => {
  const digest = createHash('sha256').update(name).digest();
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return `${prefix}${[...digest.subarray(0, 16)].map((byte) => alphabet[byte % 32]).join('')}`;
};
