import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { hopLab, type HopLab, labIdentities } from '../support/hop-lab';

const identities = labIdentities();
const local = localCloudForTests({ iam: identities });
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMAZD6aFZLBTAnyl7CvASzM+8CqcDpXviYtqZhtDr02 root@ip-10-0-0-12.ap-northeast-2.compute.internal\n';

const haveCli = spawnSync('aws', ['--version'], { stdio: 'ignore' }).status === 0;
if (!haveCli) console.warn('the AWS CLI (aws) is not on the PATH: the EC2 Instance Connect CLI tests are skipped');
const describeIfCli = haveCli ? describe : describe.skip;

let lab: HopLab;
let directory: string;
let keyFile: string;

beforeAll(async () => {
  lab = await hopLab(local, identities, 45);
  directory = mkdtempSync(join(tmpdir(), 'eic-cli-'));
  keyFile = join(directory, 'key.pub');
  writeFileSync(keyFile, KEY);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

/** The AWS CLI as a person runs it against the local cloud: its own process (the cloud serves it meanwhile), no config files, no retries. */
function aws(args: readonly string[], credentials = { accessKeyId: 'test', secretAccessKey: 'test', sessionToken: '' }) {
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
    AWS_DEFAULT_REGION: REGION,
    AWS_CONFIG_FILE: join(directory, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(directory, 'none'),
    AWS_MAX_ATTEMPTS: '1',
    AWS_PAGER: '',
  };
  return new Promise<{ status: number; stdout: string; stderr: string }>((resolve) => {
    execFile('aws', ['--endpoint-url', local.cloud.endpoint, 'ec2-instance-connect', 'send-ssh-public-key', ...args], { env, encoding: 'utf8' }, (error, stdout, stderr) => {
      resolve({ status: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
    });
  });
}

const pushArgs = (instanceId: string, user = 'ec2-user') => ['--instance-id', instanceId, '--instance-os-user', user, '--ssh-public-key', `file://${keyFile}`];

describeIfCli('aws ec2-instance-connect send-ssh-public-key against the local cloud', () => {
  test('prints the response as JSON and exits 0', async () => {
    const run = await aws([...pushArgs(lab.privateInstance), '--availability-zone', `${REGION}a`]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^\{\n {4}"RequestId": "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",\n {4}"Success": true\n\}\n$/);
  });

  // The CLI on this machine is v1, which exits 255 for a service error (v2 exits 254, as the instance's CLI does).
  test("prints the service's error line for an instance that does not exist", async () => {
    const run = await aws(pushArgs('i-0123456789abcdef0'));
    expect(run.status).toBe(255);
    expect(run.stderr).toBe('\nAn error occurred (EC2InstanceNotFoundException) when calling the SendSSHPublicKey operation: The specified instance was not found: i-0123456789abcdef0.\n');
  });

  test("the pattern the CLI does not check is the service's InvalidArgsException", async () => {
    const run = await aws(pushArgs('i-zzzzzzzzzzzz'));
    expect(run.status).toBe(255);
    expect(run.stderr).toBe(
      "\nAn error occurred (InvalidArgsException) when calling the SendSSHPublicKey operation: 1 validation error detected: Value 'i-zzzzzzzzzzzz' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^i-[a-f0-9]+$\n",
    );
  });

  test("with the instance's credentials the CLI is refused another OS user, naming the role session", async () => {
    const credentials = identities.instanceSessionCredentials(lab.profileArn, lab.publicInstance);
    if (!credentials) throw new Error('the lab instance profile has no role');
    expect((await aws(pushArgs(lab.privateInstance), credentials)).status).toBe(0);
    const run = await aws(pushArgs(lab.privateInstance, 'root'), credentials);
    expect(run.status).toBe(255);
    expect(run.stderr).toMatch(
      new RegExp(
        `^\\nAn error occurred \\(AccessDeniedException\\) when calling the SendSSHPublicKey operation: User: arn:aws:sts::000000000000:assumed-role/LabInstancesRole[0-9A-F]+/${lab.publicInstance} is not authorized to perform: ec2-instance-connect:SendSSHPublicKey on resource: arn:aws:ec2:${REGION}:000000000000:instance/${lab.privateInstance} because`,
      ),
    );
  });
});
