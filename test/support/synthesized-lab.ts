import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { labApp } from '../../infra/lab-app';
import type { VpceLabStack } from '../../infra/vpce-lab-stack';

export interface CfnResource {
  readonly Type: string;
  readonly Properties: Record<string, unknown>;
}

export interface SynthesizedLab {
  readonly app: App;
  readonly stack: VpceLabStack;
  readonly template: Template;
  readonly resources: Readonly<Record<string, CfnResource>>;
  /** The cloud assembly directory (assets, validation report). */
  readonly outdir: string;
  /** Wall time of constructing and synthesizing the app, bundling included. */
  readonly synthSeconds: number;
}

/** Bundling all the lab's functions takes a while on a small machine; one synth serves a whole test file. */
const SYNTH_TIMEOUT_MS = 300_000;

/** The resources of one type, by logical id. */
export const resourcesOf = (lab: SynthesizedLab, type: string): [string, CfnResource][] => Object.entries(lab.resources).filter(([, resource]) => resource.Type === type);

/** The contents of a staged asset of the assembly: `<hash>.zip` is the directory `asset.<hash>`, `<hash>.json` the file `asset.<hash>.json`. */
export const assetText = (lab: SynthesizedLab, s3Key: string, file?: string): string =>
  readFileSync(file === undefined ? join(lab.outdir, `asset.${s3Key}`) : join(lab.outdir, `asset.${s3Key.replace(/\.zip$/, '')}`, file), 'utf8');

/**
 * The deployable app, synthesized once before the tests of a file with the
 * same cdk-nag checks `npx cdk synth` runs (a finding not acknowledged makes
 * the synth throw), into a temporary directory removed after them. The
 * environment is left out so the developer's own CDK_DEFAULT_ACCOUNT does
 * not change what is tested; settings come from `context` alone.
 */
export function synthesizedLabForTests(context: Record<string, string> = {}): SynthesizedLab {
  const lab = {} as { -readonly [K in keyof SynthesizedLab]: SynthesizedLab[K] };
  beforeAll(() => {
    lab.outdir = mkdtempSync(join(tmpdir(), 'vpce-lab-cdk-'));
    const started = Date.now();
    const { app, stack } = withoutBundlingChatter(() => labApp({ outdir: lab.outdir, context }, {}));
    const assembly = app.synth();
    lab.synthSeconds = (Date.now() - started) / 1000;
    lab.app = app;
    lab.stack = stack;
    const json = assembly.getStackByName(stack.stackName).template as { Resources: Record<string, CfnResource> };
    lab.template = Template.fromJSON(json);
    lab.resources = json.Resources;
  }, SYNTH_TIMEOUT_MS);
  afterAll(() => {
    if (lab.outdir) rmSync(lab.outdir, { recursive: true, force: true });
  });
  return lab;
}

/** CDK announces each asset it bundles on stderr; thirty-odd lines say nothing a failing test would not. */
function withoutBundlingChatter<T>(body: () => T): T {
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: never[]) =>
    String(chunk).startsWith('Bundling asset ') ? true : write(chunk, ...rest)) as typeof process.stderr.write;
  try {
    return body();
  } finally {
    process.stderr.write = write;
  }
}
