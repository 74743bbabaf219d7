import { TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { EC2InstanceConnectClient, SendSerialConsoleSSHPublicKeyCommand, SendSSHPublicKeyCommand, type SendSSHPublicKeyCommandInput } from '@aws-sdk/client-ec2-instance-connect';
import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { clientConfig, localCloudForTests, REGION } from '../support/local-cloud-fixture';
import { pacedLocalCloudForTests } from '../support/paced-local-cloud';
import { refused } from '../support/refused';
import { hopLab, type HopLab, labIdentities, labInstanceProfile, launchLabInstance } from '../support/hop-lab';
import { consumerNetwork } from '../support/ssm-lab';

const identities = labIdentities();
const local = localCloudForTests({ iam: identities });
const ACCOUNT = '000000000000';
/** An Ed25519 public key as ssh-keygen writes it. */
const KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMAZD6aFZLBTAnyl7CvASzM+8CqcDpXviYtqZhtDr02 root@ip-10-0-0-12.ap-northeast-2.compute.internal';

let lab: HopLab;
let admin: EC2InstanceConnectClient;

beforeAll(async () => {
  lab = await hopLab(local, identities, 40);
  admin = new EC2InstanceConnectClient(clientConfig(local.cloud.endpoint));
});

const push = (input: Partial<SendSSHPublicKeyCommandInput>, client = admin) =>
  client.send(new SendSSHPublicKeyCommand({ InstanceId: lab.privateInstance, InstanceOSUser: 'ec2-user', SSHPublicKey: KEY, ...input } as SendSSHPublicKeyCommandInput));

/** Real SDK clients signing with the credentials the public instance's metadata service hands out. */
function asPublicInstance() {
  const credentials = identities.instanceSessionCredentials(lab.profileArn, lab.publicInstance);
  if (!credentials) throw new Error('the lab instance profile has no role');
  const config = { ...clientConfig(local.cloud.endpoint), credentials };
  return { instanceConnect: new EC2InstanceConnectClient(config), sts: new STSClient(config) };
}

describe('SendSSHPublicKey', () => {
  test('answers Success with the request id the response header carries', async () => {
    const answer = await push({ AvailabilityZone: `${REGION}a` });
    expect(answer.Success).toBe(true);
    expect(answer.RequestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(answer.RequestId).toBe(answer.$metadata.requestId);
  });

  test("refuses input that breaks the model's constraints with InvalidArgsException, each violation named", async () => {
    const pattern = await refused(push({ InstanceId: 'mi-048afb7f6460a110d' }));
    expect(pattern).toMatchObject({
      name: 'InvalidArgsException',
      message: "1 validation error detected: Value 'mi-048afb7f6460a110d' at 'instanceId' failed to satisfy constraint: Member must satisfy regular expression pattern: ^i-[a-f0-9]+$",
      $metadata: { httpStatusCode: 400 },
    });
    const two = await refused(push({ InstanceOSUser: '', SSHPublicKey: 'ssh-ed25519 AAAA' }));
    expect(two.message).toBe(
      "2 validation errors detected: Value '' at 'instanceOSUser' failed to satisfy constraint: Member must have length greater than or equal to 1; " +
        "Value 'ssh-ed25519 AAAA' at 'sshPublicKey' failed to satisfy constraint: Member must have length greater than or equal to 80",
    );
    const zone = await refused(push({ AvailabilityZone: 'moon' }));
    expect(zone.message).toBe("1 validation error detected: Value 'moon' at 'availabilityZone' failed to satisfy constraint: Member must have length greater than or equal to 6");
  });

  test('a key that is not an OpenSSH ed25519 or RSA public key is InvalidArgsException; an SSH2 key is refused as not modelled', async () => {
    const sk = await refused(push({ SSHPublicKey: `sk-ssh-ed25519@openssh.com ${'A'.repeat(80)} me@laptop` }));
    expect(sk).toMatchObject({ name: 'InvalidArgsException', message: expect.stringContaining('not an OpenSSH ssh-ed25519 or ssh-rsa public key') });
    const mislabelled = await refused(push({ SSHPublicKey: KEY.replace('ssh-ed25519', 'ssh-rsa') }));
    expect(mislabelled.name).toBe('InvalidArgsException');
    const ssh2 = await refused(push({ SSHPublicKey: `---- BEGIN SSH2 PUBLIC KEY ----\n${'A'.repeat(80)}\n---- END SSH2 PUBLIC KEY ----` }));
    expect(ssh2).toMatchObject({ name: 'InvalidArgsException', message: expect.stringContaining('does not model SSH2') });
  });

  test('an instance that does not exist, or not in the zone or region asked, is EC2InstanceNotFoundException (404)', async () => {
    const missing = await refused(push({ InstanceId: 'i-0123456789abcdef0' }));
    expect(missing).toMatchObject({ name: 'EC2InstanceNotFoundException', message: expect.stringContaining('i-0123456789abcdef0'), $metadata: { httpStatusCode: 404 } });
    expect((await refused(push({ AvailabilityZone: `${REGION}c` }))).name).toBe('EC2InstanceNotFoundException');
    const elsewhere = new EC2InstanceConnectClient(clientConfig(local.cloud.endpoint, 'us-east-1'));
    expect((await refused(push({}, elsewhere))).name).toBe('EC2InstanceNotFoundException');
  });

  test('a terminated instance is EC2InstanceStateInvalidException', async () => {
    const network = await consumerNetwork(local.ec2, 41);
    const gone = await launchLabInstance(local.ec2, network.privateSubnetId, network.instanceGroupId, { profileArn: lab.profileArn });
    await local.ec2.send(new TerminateInstancesCommand({ InstanceIds: [gone] }));
    local.cloud.settle();
    const error = await refused(push({ InstanceId: gone }));
    expect(error).toMatchObject({ name: 'EC2InstanceStateInvalidException', message: expect.stringContaining(`${gone} is terminated`), $metadata: { httpStatusCode: 400 } });
  });

  test("throttling answers the service's ThrottlingException with HTTP 429", async () => {
    local.cloud.runtime.faults.add({ service: 'ec2-instance-connect', code: 'ThrottlingException', status: 429, times: 1 });
    expect(await refused(push({}))).toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
    expect((await push({})).Success).toBe(true);
  });

  test('SendSerialConsoleSSHPublicKey is not modelled: refused as an operation the endpoint does not support', async () => {
    const error = await refused(admin.send(new SendSerialConsoleSSHPublicKeyCommand({ InstanceId: lab.privateInstance, SSHPublicKey: KEY })));
    expect(error).toMatchObject({ name: 'UnknownOperationException', message: 'The operation SendSerialConsoleSSHPublicKey is not supported by this endpoint', $metadata: { httpStatusCode: 400 } });
  });
});

describe('IAM: the instance role', () => {
  test('an instance calls as the session of its profile\'s role named after the instance', async () => {
    const identity = await asPublicInstance().sts.send(new GetCallerIdentityCommand({}));
    expect(identity.Arn).toMatch(new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/LabInstancesRole[0-9A-F]+/${lab.publicInstance}$`));
    expect(identity.UserId).toMatch(new RegExp(`^AROA[A-Z2-7]{16}:${lab.publicInstance}$`));
  });

  test('may push a key for ec2-user to a lab instance, and for no other user or instance; an administrator may', async () => {
    const { instanceConnect } = asPublicInstance();
    expect((await push({}, instanceConnect)).Success).toBe(true);
    const resource = `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${lab.privateInstance}`;
    const root = await refused(push({ InstanceOSUser: 'root' }, instanceConnect));
    expect(root).toMatchObject({ name: 'AccessDeniedException', $metadata: { httpStatusCode: 400 } });
    expect(root.message).toMatch(
      new RegExp(`^User: arn:aws:sts::${ACCOUNT}:assumed-role/LabInstancesRole[0-9A-F]+/${lab.publicInstance} is not authorized to perform: ec2-instance-connect:SendSSHPublicKey on resource: ${resource} because`),
    );
    const network = await consumerNetwork(local.ec2, 42);
    const untagged = await launchLabInstance(local.ec2, network.privateSubnetId, network.instanceGroupId, { profileArn: lab.profileArn, untagged: true });
    local.cloud.settle();
    const foreign = await refused(push({ InstanceId: untagged }, instanceConnect));
    expect(foreign).toMatchObject({ name: 'AccessDeniedException', message: expect.stringContaining(`on resource: arn:aws:ec2:${REGION}:${ACCOUNT}:instance/${untagged}`) });
    expect((await push({ InstanceId: untagged, InstanceOSUser: 'root' })).Success).toBe(true);
  });
});

describe('a pending instance', () => {
  const paced = pacedLocalCloudForTests();

  test('is EC2InstanceUnavailableException (503) until it runs', async () => {
    const network = await consumerNetwork(paced.ec2, 43);
    const booting = await launchLabInstance(paced.ec2, network.privateSubnetId, network.instanceGroupId, { profileArn: labInstanceProfile(identities) });
    const client = new EC2InstanceConnectClient(clientConfig(paced.cloud.endpoint));
    const send = () => client.send(new SendSSHPublicKeyCommand({ InstanceId: booting, InstanceOSUser: 'ec2-user', SSHPublicKey: KEY }));
    expect(await refused(send())).toMatchObject({ name: 'EC2InstanceUnavailableException', $metadata: { httpStatusCode: 503 } });
    paced.awsTimePasses(30);
    expect((await send()).Success).toBe(true);
  });
});
