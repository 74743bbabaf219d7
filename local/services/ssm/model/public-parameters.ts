import { createHash } from 'node:crypto';

/** A public parameter AWS publishes in every region, as GetParameter returns it. */
export interface PublicParameter {
  readonly name: string;
  readonly value: string;
  readonly version: number;
  readonly lastModified: Date;
  readonly arn: string;
  /** Which Amazon Linux the AMI runs, as SSM reports its platform version. */
  readonly amazonLinuxVersion: '2' | '2023';
}

const AMI_PATH = '/aws/service/ami-amazon-linux-latest/';

/** The Amazon Linux AMI parameters (`aws ssm get-parameters-by-path --path /aws/service/ami-amazon-linux-latest`). */
const AMI_PARAMETERS: readonly string[] = [
  'al2023-ami-kernel-default-x86_64',
  'al2023-ami-kernel-default-arm64',
  'al2023-ami-kernel-6.1-x86_64',
  'al2023-ami-kernel-6.1-arm64',
  'al2023-ami-minimal-kernel-default-x86_64',
  'al2023-ami-minimal-kernel-default-arm64',
  'amzn2-ami-hvm-x86_64-gp2',
  'amzn2-ami-hvm-arm64-gp2',
  'amzn2-ami-kernel-5.10-hvm-x86_64-gp2',
  'amzn2-ami-kernel-5.10-hvm-arm64-gp2',
];

/** When the local cloud's "latest" AMIs were published. */
const PUBLISHED = new Date(Date.UTC(2025, 5, 2, 18, 4, 11));

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

function parameter(region: string, leaf: string): PublicParameter {
  const name = `${AMI_PATH}${leaf}`;
  const hash = digest(`${region}${name}`);
  return {
    name,
    // Each region has its own AMI ids; these are derived so a region always answers the same one.
    value: `ami-0${hash.subarray(0, 8).toString('hex')}`,
    version: 60 + ((hash[8] ?? 0) % 60),
    lastModified: PUBLISHED,
    arn: `arn:aws:ssm:${region}::parameter${name}`,
    amazonLinuxVersion: leaf.startsWith('al2023') ? '2023' : '2',
  };
}

/** The public parameter of that name in `region`, undefined when AWS publishes none. */
export function publicParameter(region: string, name: string): PublicParameter | undefined {
  const leaf = name.startsWith(AMI_PATH) ? name.slice(AMI_PATH.length) : undefined;
  return leaf !== undefined && AMI_PARAMETERS.includes(leaf) ? parameter(region, leaf) : undefined;
}

/** The AMI parameter whose value is `imageId` in `region`, if the image is one of the published Amazon Linux AMIs. */
export const amazonLinuxImage = (region: string, imageId: string): PublicParameter | undefined =>
  AMI_PARAMETERS.map((leaf) => parameter(region, leaf)).find((candidate) => candidate.value === imageId);
