import { bastionScript, shellQuoted } from '../../functions/lab/verification/bastion-hop';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { hopLab, type HopLab, labIdentities, launchLabInstance, privateIpOf, runHop, runPacedScript, sshGroup } from '../support/hop-lab';
import { runScript } from '../support/ssm-lab';

const identities = labIdentities();
const local = localCloudForTests({ iam: identities });
const S3_PROBE = "curl -sS -o /dev/null -w '%{http_code}\\n' --max-time 5 https://s3.ap-northeast-2.amazonaws.com/";
const DENIED_METHODS = '(publickey,gssapi-keyex,gssapi-with-mic)';
const ssmFailure = (status: number) => `failed to run commands: exit status ${status}`;
const hostKeyAdded = (ip: string) => `Warning: Permanently added '${ip}' (ED25519) to the list of known hosts.\n`;
const SSH_OPTIONS = '-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ConnectTimeout=10';

let lab: HopLab;

beforeAll(async () => {
  lab = await hopLab(local, identities, 50);
});

/** The hop's key pair and push, then `line` in place of its ssh. */
const pushedThen = (name: string, instanceId: string, line: string): string[] => [
  `rm -f /tmp/${name} /tmp/${name}.pub`,
  `ssh-keygen -q -t ed25519 -N '' -f /tmp/${name}`,
  `aws ec2-instance-connect send-ssh-public-key --region ${REGION} --instance-id ${instanceId} --instance-os-user ec2-user --ssh-public-key file:///tmp/${name}.pub >/dev/null && ${line}`,
];

describe("the lab's hop from the public instance to the private one", () => {
  test("the check's output and exit status pass through ssh, after ssh's host key warning", async () => {
    const dig = await runHop(local, lab, 'dns', 'dig +short s3.ap-northeast-2.amazonaws.com');
    expect(dig).toMatchObject({ status: 'Success', code: 0, stderr: hostKeyAdded(lab.privateIp) });
    expect(dig.stdout).toMatch(/^52\.\d+\.\d+\.\d+\n$/);

    const probe = await runHop(local, lab, 'gateway.s3', S3_PROBE);
    expect(probe).toEqual({ status: 'Failed', code: 28, stdout: '000\n', stderr: `${hostKeyAdded(lab.privateIp)}curl: (28) Connection timed out after 5001 milliseconds\n${ssmFailure(28)}` });
  });

  test('the remote command runs as `bash -c` on the private instance: its errors name bash, its hostname is the private one', async () => {
    const missing = await runHop(local, lab, 'missing', 'nslookup example.com');
    expect(missing).toEqual({ status: 'Failed', code: 127, stdout: '', stderr: `${hostKeyAdded(lab.privateIp)}bash: line 1: nslookup: command not found\n${ssmFailure(127)}` });
    const where = await runHop(local, lab, 'where', 'hostname');
    expect(where.stdout).toBe(`ip-${lab.privateIp.replaceAll('.', '-')}.${REGION}.compute.internal\n`);
  });

  test('without the push, sshd refuses the key: permission denied, exit 255', async () => {
    const run = await runScript(local, lab.publicInstance, [
      'rm -f /tmp/nopush /tmp/nopush.pub',
      "ssh-keygen -q -t ed25519 -N '' -f /tmp/nopush",
      `ssh -i /tmp/nopush ${SSH_OPTIONS} ec2-user@${lab.privateIp} hostname`,
    ]);
    expect(run).toEqual({ status: 'Failed', code: 255, stdout: '', stderr: `${hostKeyAdded(lab.privateIp)}ec2-user@${lab.privateIp}: Permission denied ${DENIED_METHODS}.\n${ssmFailure(255)}` });
  });

  test('a key pushed to another instance does not open this one; a missing key file is warned about, then denied', async () => {
    const elsewhere = await runScript(local, lab.publicInstance, pushedThen('other', lab.publicInstance, `ssh -i /tmp/other ${SSH_OPTIONS} ec2-user@${lab.privateIp} hostname`));
    expect(elsewhere).toMatchObject({ code: 255, stderr: `${hostKeyAdded(lab.privateIp)}ec2-user@${lab.privateIp}: Permission denied ${DENIED_METHODS}.\n${ssmFailure(255)}` });
    const noFile = await runScript(local, lab.publicInstance, [`ssh -i /tmp/nosuchkey ${SSH_OPTIONS} ec2-user@${lab.privateIp} hostname`]);
    expect(noFile.stderr).toBe(
      `Warning: Identity file /tmp/nosuchkey not accessible: No such file or directory.\n${hostKeyAdded(lab.privateIp)}ec2-user@${lab.privateIp}: Permission denied ${DENIED_METHODS}.\n${ssmFailure(255)}`,
    );
  });

  test('a private instance whose group does not admit port 22 from the public subnet: connection timed out, exit 255', async () => {
    const closedGroup = await sshGroup(local.ec2, lab.network, 'no-ssh-50');
    const elsewhereGroup = await sshGroup(local.ec2, lab.network, 'ssh-from-elsewhere-50', '192.168.0.0/24');
    for (const groupId of [closedGroup, elsewhereGroup]) {
      const instanceId = await launchLabInstance(local.ec2, lab.network.privateSubnetId, groupId, { profileArn: lab.profileArn });
      local.cloud.settle();
      const privateIp = await privateIpOf(local.ec2, instanceId);
      const run = await runHop(local, lab, 'closed', 'hostname', { instanceId, privateIp });
      expect(run).toEqual({ status: 'Failed', code: 255, stdout: '', stderr: `ssh: connect to host ${privateIp} port 22: Connection timed out\n${ssmFailure(255)}` });
    }
  });

  test("from the private instance the EC2 Instance Connect endpoint is out of reach: the CLI's connect timeout, through ssh", async () => {
    const key = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMAZD6aFZLBTAnyl7CvASzM+8CqcDpXviYtqZhtDr02 ec2-user@private';
    const command = `aws ec2-instance-connect send-ssh-public-key --instance-id ${lab.publicInstance} --instance-os-user ec2-user --ssh-public-key ${shellQuoted(key)}`;
    const run = await runHop(local, lab, 'from-private', command);
    expect(run).toEqual({
      status: 'Failed',
      code: 255,
      stdout: '',
      stderr: `${hostKeyAdded(lab.privateIp)}\nConnect timeout on endpoint URL: "https://ec2-instance-connect.${REGION}.amazonaws.com/"\n${ssmFailure(255)}`,
    });
  });
});

describe('the key files on an instance', () => {
  test('persist between scripts: ssh-keygen asks before overwriting one, and with no answer on its input exits 1', async () => {
    const first = await runScript(local, lab.publicInstance, ['rm -f /tmp/kept /tmp/kept.pub', "ssh-keygen -q -t ed25519 -N '' -f /tmp/kept"]);
    expect(first).toMatchObject({ status: 'Success', code: 0, stdout: '', stderr: '' });
    const again = await runScript(local, lab.publicInstance, ["ssh-keygen -q -t ed25519 -N '' -f /tmp/kept"]);
    expect(again).toEqual({ status: 'Failed', code: 1, stdout: '/tmp/kept already exists.\nOverwrite (y/n)? ', stderr: ssmFailure(1) });
    const removed = await runScript(local, lab.publicInstance, ['rm /tmp/kept /tmp/kept.pub', 'rm /tmp/kept']);
    expect(removed).toMatchObject({ code: 1, stderr: `rm: cannot remove '/tmp/kept': No such file or directory\n${ssmFailure(1)}` });
  });

  test('are refused outside /tmp, as is what ssh-keygen and ssh are not simulated for', async () => {
    const outside = await runScript(local, lab.publicInstance, ["ssh-keygen -q -t ed25519 -N '' -f /root/.ssh/id_ed25519"]);
    expect(outside).toMatchObject({ code: 1, stderr: expect.stringContaining('/root/.ssh/id_ed25519: the local cloud keeps files only directly in /tmp/ of an instance') });
    const unknownType = await runScript(local, lab.publicInstance, ["ssh-keygen -q -t foo -N '' -f /tmp/foo"]);
    expect(unknownType).toMatchObject({ code: 255, stderr: `unknown key type foo\n${ssmFailure(255)}` });
    const interactive = await runScript(local, lab.publicInstance, [`ssh ${SSH_OPTIONS} ec2-user@${lab.privateIp}`]);
    expect(interactive).toMatchObject({ code: 255, stderr: expect.stringMatching(/^ssh: an interactive login \(no remote command\) is not simulated by the local cloud/) });
    const verbose = await runScript(local, lab.publicInstance, [`ssh -v ${SSH_OPTIONS} ec2-user@${lab.privateIp} hostname`]);
    expect(verbose).toMatchObject({ code: 255, stderr: expect.stringMatching(/^ssh: the option -v is not simulated by the local cloud/) });
    const knownHosts = await runScript(local, lab.publicInstance, [`ssh -o ConnectTimeout=10 ec2-user@${lab.privateIp} hostname`]);
    expect(knownHosts).toMatchObject({ code: 255, stderr: expect.stringContaining('checking host keys against a known_hosts file') });
  });
});

describe('the AWS CLI on the instance, as its role', () => {
  const keyLines = ['rm -f /tmp/cli /tmp/cli.pub', "ssh-keygen -q -t ed25519 -N '' -f /tmp/cli"];
  const push = (extra: string, user = 'ec2-user', instanceId = lab.privateInstance) =>
    `aws ec2-instance-connect send-ssh-public-key --region ${REGION} --instance-id ${instanceId} --instance-os-user ${user} --ssh-public-key file:///tmp/cli.pub${extra}`;

  test('prints the response as JSON', async () => {
    const run = await runScript(local, lab.publicInstance, [...keyLines, push('')]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\{\n {4}"RequestId": "[0-9a-f-]{36}",\n {4}"Success": true\n\}\n$/);
  });

  test("is refused another OS user and an instance without the lab's tag, with the service's error line and exit 254", async () => {
    const refusedLine = (instanceId: string) =>
      new RegExp(
        `^\\nAn error occurred \\(AccessDeniedException\\) when calling the SendSSHPublicKey operation: User: arn:aws:sts::000000000000:assumed-role/LabInstancesRole[0-9A-F]+/${lab.publicInstance} is not authorized to perform: ec2-instance-connect:SendSSHPublicKey on resource: arn:aws:ec2:${REGION}:000000000000:instance/${instanceId} because no identity-based policy allows the ec2-instance-connect:SendSSHPublicKey action\\n${ssmFailure(254)}$`,
      );
    const root = await runScript(local, lab.publicInstance, [...keyLines, push('', 'root')]);
    expect(root).toMatchObject({ status: 'Failed', code: 254, stdout: '' });
    expect(root.stderr).toMatch(refusedLine(lab.privateInstance));
    const untagged = await launchLabInstance(local.ec2, lab.network.privateSubnetId, lab.privateGroupId, { profileArn: lab.profileArn, untagged: true });
    local.cloud.settle();
    const foreign = await runScript(local, lab.publicInstance, [...keyLines, push('', 'ec2-user', untagged)]);
    expect(foreign.stderr).toMatch(refusedLine(untagged));
  });

  test("answers the service's own errors and the CLI's checks before anything is sent", async () => {
    const zone = await runScript(local, lab.publicInstance, [...keyLines, push(` --availability-zone ${REGION}c`)]);
    expect(zone).toMatchObject({ code: 254, stderr: expect.stringMatching(/^\nAn error occurred \(EC2InstanceNotFoundException\) when calling the SendSSHPublicKey operation: The specified instance was not found/) });
    const noFile = await runScript(local, lab.publicInstance, ['rm -f /tmp/cli.pub', push('')]);
    expect(noFile).toMatchObject({ code: 252, stderr: `\nError parsing parameter '--ssh-public-key': Unable to load paramfile file:///tmp/cli.pub: [Errno 2] No such file or directory: '/tmp/cli.pub'\n${ssmFailure(252)}` });
    const short = await runScript(local, lab.publicInstance, [`aws ec2-instance-connect send-ssh-public-key --instance-id i-0abc --instance-os-user ec2-user --ssh-public-key short`]);
    expect(short).toMatchObject({
      code: 252,
      stderr: `\nParameter validation failed:\nInvalid length for parameter InstanceId, value: 6, valid min length: 10\nInvalid length for parameter SSHPublicKey, value: 5, valid min length: 80\n${ssmFailure(252)}`,
    });
    const missing = await runScript(local, lab.publicInstance, [`aws ec2-instance-connect send-ssh-public-key --instance-id ${lab.privateInstance}`]);
    expect(missing).toMatchObject({ code: 252, stderr: expect.stringContaining('aws: error: the following arguments are required: --instance-os-user, --ssh-public-key\n') });
  });

  test('retries throttling as standard mode does: once is absorbed, three times is the error after 2 retries', async () => {
    local.cloud.runtime.faults.add({ service: 'ec2-instance-connect', code: 'ThrottlingException', status: 429, times: 1, message: 'Rate exceeded' });
    expect((await runScript(local, lab.publicInstance, [...keyLines, push(' >/dev/null')])).code).toBe(0);
    local.cloud.runtime.faults.add({ service: 'ec2-instance-connect', code: 'ThrottlingException', status: 429, times: 3, message: 'Rate exceeded' });
    const run = await runScript(local, lab.publicInstance, [...keyLines, push('')]);
    expect(run).toMatchObject({ code: 254, stderr: `\nAn error occurred (ThrottlingException) when calling the SendSSHPublicKey operation (reached max retries: 2): Rate exceeded\n${ssmFailure(254)}` });
  });

  test("each call is in the cloud's record as the instance's role session", async () => {
    local.cloud.journal.clear();
    await runScript(local, lab.publicInstance, [...keyLines, push(' >/dev/null')]);
    const calls = local.cloud.journal.list().filter((call) => call.service === 'ec2-instance-connect');
    expect(calls).toEqual([expect.objectContaining({ action: 'SendSSHPublicKey', status: 200, caller: expect.stringMatching(new RegExp(`/LabInstancesRole[0-9A-F]+/${lab.publicInstance}$`)) })]);
  });
});

describe('on a paced cloud', () => {
  const paced = pacedLocalCloudForTests();
  let pacedLab: HopLab;
  const hop = (name: string, line: string) => pushedThen(name, pacedLab.privateInstance, line);
  const sshTo = (name: string, command = 'hostname') => `ssh -i /tmp/${name} ${SSH_OPTIONS} ec2-user@${pacedLab.privateIp} ${command}`;

  beforeAll(async () => {
    pacedLab = await hopLab(paced, identities, 51);
    paced.awsTimePasses(120);
  });

  test('a pushed key opens the instance for 60 seconds of the cloud\'s clock, within a script and across scripts', async () => {
    const soon = await runPacedScript(paced, pacedLab.publicInstance, hop('soon', `sleep 59 && ${sshTo('soon')}`));
    expect(soon).toMatchObject({ status: 'Success', code: 0, stdout: `ip-${pacedLab.privateIp.replaceAll('.', '-')}.${REGION}.compute.internal\n` });
    const late = await runPacedScript(paced, pacedLab.publicInstance, hop('late', `sleep 61 && ${sshTo('late')}`));
    expect(late).toMatchObject({ code: 255, stderr: `${hostKeyAdded(pacedLab.privateIp)}ec2-user@${pacedLab.privateIp}: Permission denied ${DENIED_METHODS}.\n${ssmFailure(255)}` });

    await runPacedScript(paced, pacedLab.publicInstance, hop('kept', 'true'), 10);
    // Pushed a second into the first script; the second script runs 11 s later, the third 51 s after that.
    const within = await runPacedScript(paced, pacedLab.publicInstance, [sshTo('kept')], 30);
    expect(within.code).toBe(0);
    paced.awsTimePasses(20);
    const after = await runPacedScript(paced, pacedLab.publicInstance, [sshTo('kept')]);
    expect(after).toMatchObject({ code: 255, stderr: expect.stringContaining('Permission denied') });
  });

  test('ssh gives up after ConnectTimeout on a port no rule admits: the script takes those 10 s', async () => {
    const closed = await launchLabInstance(paced.ec2, pacedLab.network.privateSubnetId, await sshGroup(paced.ec2, pacedLab.network, 'paced-closed'), { profileArn: pacedLab.profileArn });
    paced.awsTimePasses(120);
    const privateIp = await privateIpOf(paced.ec2, closed);
    const run = await runPacedScript(paced, pacedLab.publicInstance, bastionScript('closed', 'hostname', { region: REGION, instanceId: closed, privateIp }));
    // The agent's 2 s, the CLI's call (0.3 s) and ssh's 10 s.
    expect(run).toMatchObject({ code: 255, stderr: `ssh: connect to host ${privateIp} port 22: Connection timed out\n${ssmFailure(255)}`, elapsed: 'PT12.3S' });
  });

  test('an instance that runs but has not started sshd yet refuses the connection', async () => {
    const booting = await launchLabInstance(paced.ec2, pacedLab.network.privateSubnetId, pacedLab.privateGroupId, { profileArn: pacedLab.profileArn });
    paced.awsTimePasses(30);
    const privateIp = await privateIpOf(paced.ec2, booting);
    const early = await runPacedScript(paced, pacedLab.publicInstance, bastionScript('early', 'hostname', { region: REGION, instanceId: booting, privateIp }), 10);
    expect(early).toMatchObject({ code: 255, stderr: `ssh: connect to host ${privateIp} port 22: Connection refused\n${ssmFailure(255)}` });
    paced.awsTimePasses(20);
    const later = await runPacedScript(paced, pacedLab.publicInstance, bastionScript('later', 'hostname', { region: REGION, instanceId: booting, privateIp }));
    expect(later.code).toBe(0);
  });
});
