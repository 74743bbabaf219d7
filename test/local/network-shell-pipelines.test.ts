import { execScript } from '../../functions/lab/guided/exec-script';
import { GetCommandInvocationCommand, SendCommandCommand } from '@aws-sdk/client-ssm';
import { shellQuoted } from '../../functions/lab/verification/bastion-hop';
import { localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { hopLab, type HopLab, labIdentities, runHop } from '../support/hop-lab';
import { runScript } from '../support/ssm-lab';

const identities = labIdentities();
const local = localCloudForTests({ iam: identities });
let lab: HopLab;

beforeAll(async () => {
  lab = await hopLab(local, identities, 60);
});

/** The line of the lab's walk-through that shows which addresses S3's name answers. */
const WALK_THROUGH = `for i in {1..20}; do dig s3.${REGION}.amazonaws.com +short; done | sort | uniq -c | sort -nr`;
const ssmFailure = (status: number) => `failed to run commands: exit status ${status}`;
const hostKeyAdded = (ip: string) => `Warning: Permanently added '${ip}' (ED25519) to the list of known hosts.\n`;
/** What the CLI's `exec` sends to the public instance for a student's command line. */
const asStudent = (line: string) => `runuser -u ec2-user -- bash -c ${shellQuoted(line)}`;

/** Runs a script through SSM with the given parameters, reading back the invocation and the path SSM Agent gives the script. */
async function sendScript(instanceId: string, commands: string[], extra: Record<string, string[]> = {}) {
  const { Command } = await local.ssm.send(new SendCommandCommand({ DocumentName: 'AWS-RunShellScript', InstanceIds: [instanceId], Parameters: { commands, ...extra } }));
  local.cloud.settle();
  const commandId = Command!.CommandId!;
  const invocation = await local.ssm.send(new GetCommandInvocationCommand({ CommandId: commandId, InstanceId: instanceId }));
  return {
    script: `/var/lib/amazon/ssm/${instanceId}/document/orchestration/${commandId}/awsrunShellScript/0.awsrunShellScript/_script.sh`,
    run: { status: invocation.Status, code: invocation.ResponseCode, stdout: invocation.StandardOutputContent, stderr: invocation.StandardErrorContent },
  };
}

describe("the walk-through's loop of dig, counted by address", () => {
  test('twenty answers, counted by sort | uniq -c | sort -nr: the addresses are those dig answers, the counts add up to 20', async () => {
    const dig = await runScript(local, lab.publicInstance, [`dig s3.${REGION}.amazonaws.com +short`]);
    const addresses = dig.stdout!.split('\n').filter((line) => line !== '');
    expect(addresses).toHaveLength(1);
    const run = await runScript(local, lab.publicInstance, [WALK_THROUGH]);
    expect(run).toEqual({ status: 'Success', code: 0, stdout: `     20 ${addresses[0]}\n`, stderr: '' });
    const counted = run.stdout!.split('\n').filter((line) => line !== '').map((line) => /^ {0,6}(\d+) (\S+)$/.exec(line)!);
    expect(counted.reduce((total, [, count]) => total + Number(count), 0)).toBe(20);
    expect(counted.map(([, , address]) => address)).toEqual(addresses);
  });

  test('the same line as the student types it: through runuser and bash -c on the public instance, through the ssh hop on the private one', async () => {
    const onPublic = await runScript(local, lab.publicInstance, [asStudent(WALK_THROUGH)]);
    const onPrivate = await runHop(local, lab, 'walk-through', WALK_THROUGH);
    const direct = await runScript(local, lab.publicInstance, [WALK_THROUGH]);
    expect(onPublic).toEqual(direct);
    expect(onPrivate).toEqual({ status: 'Success', code: 0, stdout: direct.stdout, stderr: hostKeyAdded(lab.privateIp) });
  });
});

describe('pipelines', () => {
  test('sort, uniq -c and head read what the command before them printed', async () => {
    const run = await runScript(local, lab.publicInstance, ["echo -e 'b\\na\\nb\\nc\\nb' | sort | uniq -c | sort -nr | head -n 2", "echo -e 'x\\ny\\nz' | tail -n 1 | wc -l"]);
    expect(run).toEqual({ status: 'Success', code: 0, stdout: '      3 b\n      1 c\n1\n', stderr: '' });
  });

  test("the status is the last command's; each command's errors go to the script's error output, or down the pipe with 2>&1", async () => {
    const lastWins = await sendScript(lab.publicInstance, ['nosuch | echo ok']);
    expect(lastWins.run).toEqual({ status: 'Success', code: 0, stdout: 'ok\n', stderr: `${lastWins.script}: line 1: nosuch: command not found\n` });
    const grepMisses = await runScript(local, lab.publicInstance, ['echo hello | grep -c bye']);
    expect(grepMisses).toEqual({ status: 'Failed', code: 1, stdout: '0\n', stderr: ssmFailure(1) });
    const counted = await runScript(local, lab.publicInstance, ['curl -sS http://nosuch.example.com 2>&1 | wc -l']);
    expect(counted).toEqual({ status: 'Success', code: 0, stdout: '1\n', stderr: '' });
  });

  test('GNU options the model does not know are refused the way the tools refuse them', async () => {
    const run = await runScript(local, lab.publicInstance, ['echo a | sort -Q', 'echo a | uniq --nosuch']);
    expect(run).toEqual({
      status: 'Failed',
      code: 1,
      stdout: '',
      stderr: "sort: invalid option -- 'Q'\nTry 'sort --help' for more information.\nuniq: unrecognized option '--nosuch'\nTry 'uniq --help' for more information.\n" + ssmFailure(1),
    });
  });
});

describe('for loops', () => {
  test('the variable expands in the body, over words, brace ranges and brace lists', async () => {
    const run = await runScript(local, lab.publicInstance, ['for i in {1..3} x{a,b}; do echo "item $i" ${i}; done']);
    expect(run).toEqual({ status: 'Success', code: 0, stdout: 'item 1 1\nitem 2 2\nitem 3 3\nitem xa xa\nitem xb xb\n', stderr: '' });
  });

  test('the loop written over several lines, its output piped on', async () => {
    const run = await runScript(local, lab.publicInstance, ['for host in one two three', 'do', '  echo $host', 'done | sort', 'echo done']);
    expect(run).toEqual({ status: 'Success', code: 0, stdout: 'one\nthree\ntwo\ndone\n', stderr: '' });
  });

  test('an executionTimeout stops a loop between its commands; what it printed until then is kept', async () => {
    const { run } = await sendScript(lab.publicInstance, ['for i in 1 2 3 4 5; do echo $i; sleep 1; done'], { executionTimeout: ['3'] });
    expect(run).toEqual({ status: 'TimedOut', code: -1, stdout: '1\n2\n3\n4\n', stderr: '' });
  });
});

describe('running as another user', () => {
  test('runuser -u ec2-user -- bash -c runs the line as ec2-user; Run Command itself runs as root', async () => {
    const run = await runScript(local, lab.publicInstance, ['whoami', asStudent('whoami; id -un; id -u | cat')]);
    expect(run).toEqual({ status: 'Success', code: 0, stdout: 'root\nec2-user\nec2-user\n1000\n', stderr: '' });
    const overSsh = await runHop(local, lab, 'whoami', 'whoami | cat');
    expect(overSsh).toEqual({ status: 'Success', code: 0, stdout: 'ec2-user\n', stderr: hostKeyAdded(lab.privateIp) });
  });

  test("ssh -o LogLevel=ERROR leaves out its INFO notice of the host key it adds, as exec's hop does; a LogLevel that would print diagnostics is refused", async () => {
    const quiet = await runScript(local, lab.publicInstance, execScript('private', 'whoami | cat', { region: REGION, instanceId: lab.privateInstance, privateIp: lab.privateIp }, 'quiet'));
    expect(quiet).toEqual({ status: 'Success', code: 0, stdout: 'ec2-user\n', stderr: '' });
    const verbose = await runScript(local, lab.publicInstance, [`ssh -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=DEBUG ec2-user@${lab.privateIp} hostname`]);
    expect(verbose).toMatchObject({ code: 255, stderr: expect.stringContaining('ssh: -o LogLevel=DEBUG is not simulated by the local cloud') as unknown });
  });

  test("ec2-user cannot use runuser, and runuser knows the instance's users only", async () => {
    const run = await runScript(local, lab.publicInstance, [asStudent('runuser -u root -- whoami'), 'runuser -u nobody -- whoami']);
    expect(run).toEqual({
      status: 'Failed',
      code: 1,
      stdout: '',
      stderr: 'runuser: may not be used by non-root users\nrunuser: user nobody does not exist or the user entry does not contain all the required fields\n' + ssmFailure(1),
    });
  });
});

describe('what the shell does not run', () => {
  test('an unknown command is not found, as bash says it, with status 127', async () => {
    const run = await runScript(local, lab.publicInstance, [asStudent('echo one; nslookup example.com')]);
    expect(run).toEqual({ status: 'Failed', code: 127, stdout: 'one\n', stderr: `bash: line 1: nslookup: command not found\n${ssmFailure(127)}` });
    const overSsh = await runHop(local, lab, 'unknown', 'echo one | nslookup');
    expect(overSsh).toEqual({ status: 'Failed', code: 127, stdout: '', stderr: `${hostKeyAdded(lab.privateIp)}bash: line 1: nslookup: command not found\n${ssmFailure(127)}` });
  });

  test('a construct not simulated refuses its whole command, naming it; the commands before it ran', async () => {
    const { script, run } = await sendScript(lab.publicInstance, ['echo start', 'echo one; echo $(hostname) | sort', 'echo never']);
    expect(run).toEqual({
      status: 'Failed',
      code: 2,
      stdout: 'start\n',
      stderr: `${script}: line 2: command substitutions ($(…)) are not simulated by the local cloud\n${script}: line 2: \`echo one; echo $(hostname) | sort'\n${ssmFailure(2)}`,
    });
    const asStudentTyped = await runScript(local, lab.publicInstance, [asStudent('echo one; if true; then echo two; fi')]);
    expect(asStudentTyped).toEqual({
      status: 'Failed',
      code: 2,
      stdout: '',
      stderr: `bash: -c: line 1: compound commands (if …) are not simulated by the local cloud\nbash: -c: line 1: \`echo one; if true; then echo two; fi'\n${ssmFailure(2)}`,
    });
    const unset = await runHop(local, lab, 'unset', 'echo $HOME');
    expect(unset).toEqual({
      status: 'Failed',
      code: 2,
      stdout: '',
      stderr: `${hostKeyAdded(lab.privateIp)}bash: -c: line 1: the variable $HOME is not simulated by the local cloud (only the variable of an enclosing for loop, and $?, expand)\nbash: -c: line 1: \`echo $HOME'\n${ssmFailure(2)}`,
    });
  });
});
