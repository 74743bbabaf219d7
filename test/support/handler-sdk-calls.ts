import { buildSync } from 'esbuild';
import { basename, join } from 'node:path';
import { LAB_FUNCTIONS } from '../../functions/handlers/lab-functions';
import { bundledSdkCalls } from './bundled-sdk-calls';

const REPOSITORY_ROOT = join(__dirname, '../..');
let bundled: ReadonlyMap<string, readonly string[]> | undefined;

/**
 * The AWS calls each lab function's own code makes, as IAM actions
 * (`ec2:CreateVpc`), by function id: every entry bundled as the CDK app
 * bundles it (esbuild, the SDK external, minified, tree-shaken; one build
 * for all) and read by `bundledSdkCalls`. Known from the code, not from a
 * run, so a harness that traced nothing cannot agree with it.
 */
export function handlerSdkCalls(): ReadonlyMap<string, readonly string[]> {
  if (bundled) return bundled;
  const { outputFiles } = buildSync({
    entryPoints: Object.fromEntries(LAB_FUNCTIONS.map((fn) => [fn.id, join(REPOSITORY_ROOT, fn.entry)])),
    outdir: join(REPOSITORY_ROOT, 'handler-bundles'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node24',
    minify: true,
    keepNames: true,
    external: ['@aws-sdk/*'],
    write: false,
    logLevel: 'silent',
  });
  bundled = new Map(outputFiles.map((file) => [basename(file.path, '.js'), bundledSdkCalls(file.text)]));
  return bundled;
}
