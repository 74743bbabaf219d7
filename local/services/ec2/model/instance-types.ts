import { invalidParameterValue } from '../../../protocol/service-error';

/** What EC2 launches when RunInstances names no type. */
export const DEFAULT_INSTANCE_TYPE = 'm1.small';

/**
 * EC2's naming scheme rather than its ever-growing list: a family (series
 * letters, generation, options: `t3`, `t4g`, `m5a`, `c6gn`, `m7i-flex`) and a
 * size (`nano` … `48xlarge`, `metal`).
 */
const INSTANCE_TYPE = /^[a-z]+\d+[a-z]*(?:-flex)?\.(?:nano|micro|small|medium|large|\d*xlarge|metal(?:-\d+xl)?)$/;

/** Graviton families: `a1`, and those with `g` right after the generation (`t4g`, `c7gn`, `r8g`). */
const ARM_FAMILY = /^(?:a1|[a-z]+\d+g[a-z]*)\./;

export const isInstanceTypeName = (type: string): boolean => INSTANCE_TYPE.test(type);

export function requireInstanceType(instanceType: string | undefined): string {
  const type = instanceType ?? DEFAULT_INSTANCE_TYPE;
  if (!isInstanceTypeName(type)) throw invalidParameterValue(`Invalid value '${type}' for InstanceType.`);
  return type;
}

export const architectureOf = (instanceType: string): 'arm64' | 'x86_64' => (ARM_FAMILY.test(instanceType) ? 'arm64' : 'x86_64');
