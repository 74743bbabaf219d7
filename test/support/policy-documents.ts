import type { CfnResource } from './synthesized-lab';

/** One statement of an IAM or resource policy as CloudFormation holds it. */
export interface PolicyStatementJson {
  readonly Effect: 'Allow' | 'Deny';
  readonly Action?: string | string[];
  readonly NotAction?: string | string[];
  readonly Resource?: unknown;
  readonly NotResource?: unknown;
  readonly Condition?: Record<string, Record<string, unknown>>;
}

/** A statement with where it was found: `<logical id>.<property path>`. */
export interface FoundStatement {
  readonly where: string;
  readonly statement: PolicyStatementJson;
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Every statement of every policy document in the template, whatever holds
 * it (IAM policies, roles' inline policies, topic and key policies...): any
 * object with a `Statement` list counts, so a policy added later is walked too.
 */
export function allStatements(resources: Readonly<Record<string, CfnResource>>): FoundStatement[] {
  const found: FoundStatement[] = [];
  const visit = (value: unknown, where: string): void => {
    if (Array.isArray(value)) return value.forEach((item, index) => visit(item, `${where}[${index}]`));
    if (!isObject(value)) return;
    if (Array.isArray(value.Statement)) for (const statement of value.Statement) found.push({ where, statement: statement as PolicyStatementJson });
    for (const [key, child] of Object.entries(value)) if (key !== 'Statement') visit(child, `${where}.${key}`);
  };
  for (const [logicalId, resource] of Object.entries(resources)) visit(resource.Properties, logicalId);
  return found;
}

export const listOf = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** A resource as text, CloudFormation references written `<Ref>` / `<Id.Attribute>` (as cdk-nag writes them). */
export function resourceText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (isObject(value)) {
    if (typeof value.Ref === 'string') return `<${value.Ref}>`;
    const getAtt = value['Fn::GetAtt'];
    if (Array.isArray(getAtt)) return `<${getAtt.join('.')}>`;
    const join = value['Fn::Join'];
    if (Array.isArray(join)) return (join[1] as unknown[]).map(resourceText).join(String(join[0]));
  }
  return JSON.stringify(value);
}
