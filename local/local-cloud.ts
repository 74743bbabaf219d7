import { EventEmitter } from 'node:events';
import type { Server } from 'node:http';
import { CallJournal } from './cloud/call-journal';
import { type CloudEventMap, type CloudRuntime, LOCAL_ACCOUNT_ID } from './cloud/cloud-runtime';
import { CloudStore } from './cloud/cloud-store';
import { DataDirLock } from './cloud/data-dir-lock';
import { Clock } from './cloud/clock';
import { DueTimer } from './cloud/due-timer';
import { Faults } from './cloud/faults';
import { newRequestId } from './cloud/ids';
import { InstanceServices } from './cloud/instance-services';
import type { RateLimitTable } from '../contract/rate-limit-table';
import { RateLimits } from './cloud/rate-limits';
import { Scheduler } from './cloud/scheduler';
import type { ZoneGaps } from './cloud/zone-gaps';
import { controlApi } from './control-api';
import { listen, MAX_BODY_BYTES } from './http-server';
import { type IamSettings, LocalIam } from './iam/local-iam';
import { awsStyleId } from './iam/lab-identities';
import { Dispatcher } from './dispatch/dispatcher';
import { jsonProtocol } from './protocol/json-protocol';
import { queryProtocol } from './protocol/query-protocol';
import { routeRequest } from './protocol/route-request';
import { requestTooLarge } from './protocol/service-error';
import type { ServiceProvider } from './protocol/service-provider';
import { createServiceProviders } from './services/service-providers';
import { DEFAULT_PORT, DEFAULT_TIME_SCALE } from './local-cloud-defaults';

export interface LocalCloudOptions {
  /** TCP port on 127.0.0.1; 0 picks a free one. Default 4566. */
  readonly port?: number;
  /** Multiplies AWS's durations: 1 is real pace, 0 makes changes due at once. Default 0.04. */
  readonly timeScale?: number;
  /** Where the state is kept across restarts (`state.db`, SQLite); in memory only when omitted. */
  readonly dataDir?: string;
  /** Where to say what the cloud did to its data directory (a `state.json` moved into `state.db`); stderr when omitted. */
  readonly log?: (line: string) => void;
  /** The random source of injected faults (`probability`): a seeded one makes a test's faults repeatable. Math.random when omitted. */
  readonly faultRandom?: () => number;
  /** Token buckets to throttle calls with, such as `AWS_RATE_LIMITS` (AWS's published defaults); no throttling when omitted. */
  readonly rateLimits?: RateLimitTable;
  /** Who calls as a role session, whose calls IAM then authorizes; every caller is an administrator without it. */
  readonly iam?: IamSettings;
  /** Zones that lack an instance type or an AWS service's endpoint, as some of AWS's do; every zone offers everything when omitted. */
  readonly zoneGaps?: ZoneGaps;
  /**
   * Whether each region has its default VPC (172.31.0.0/16, a default subnet per zone, an internet gateway), as every
   * AWS account has from the start; `false` is an account that deleted it. It decides for regions the state has not
   * seen yet: a kept state keeps the default VPC it has (or its lack). Default true.
   */
  readonly defaultVpc?: boolean;
  /** What a composition (the lab's workflows) adds to the cloud, built on its runtime before it listens. */
  readonly extend?: (runtime: CloudRuntime) => LocalCloudExtension;
}

/** More services, and work that starts and stops with the cloud (in-process Lambda, schedules, deliveries). */
export interface LocalCloudExtension {
  readonly providers?: readonly ServiceProvider[];
  /** Called once the cloud listens, when its endpoint is known. */
  readonly started?: (cloud: LocalCloud) => void;
  /** Called first when the cloud closes, to stop what the extension runs. */
  readonly closing?: () => Promise<void>;
}


/**
 * The local cloud: one process on 127.0.0.1 that the real AWS SDK clients
 * and the AWS CLI talk to unchanged, for EC2, ELBv2, SSM, STS, Step Functions,
 * Service Quotas and EC2 Instance Connect. Usable in-process by tests and by the `vpce-lab` command.
 */
export class LocalCloud {
  private constructor(
    readonly runtime: CloudRuntime,
    readonly journal: CallJournal,
    private readonly dispatcher: Dispatcher,
    private readonly timer: DueTimer,
    private readonly server: Server,
    readonly port: number,
    private readonly extension: LocalCloudExtension,
    /** IAM as the cloud enforces it; undefined when every caller has full access. */
    readonly iam: LocalIam | undefined,
    /** The data directory's lock, held while the cloud serves it; undefined in memory. */
    readonly lock: DataDirLock | undefined,
    private readonly activity: { lastRequestAt: number },
  ) {}

  /** Wall-clock time of the last AWS API request (not control or health requests): how long the cloud has been idle. */
  get lastRequestAt(): number {
    return this.activity.lastRequestAt;
  }

  /** Refuses with DataDirLocked when another process serves `dataDir`: two clouds on one state would undo each other's work. */
  static async start(options: LocalCloudOptions = {}): Promise<LocalCloud> {
    const lock = options.dataDir === undefined ? undefined : DataDirLock.acquire(options.dataDir);
    try {
      return await LocalCloud.serve(options, lock);
    } catch (error) {
      lock?.release();
      throw error;
    }
  }

  private static async serve(options: LocalCloudOptions, lock: DataDirLock | undefined): Promise<LocalCloud> {
    const store = CloudStore.open(options.dataDir, options.log ?? ((line) => process.stderr.write(`${line}\n`)));
    const clock = new Clock(options.timeScale ?? DEFAULT_TIME_SCALE);
    const runtime: CloudRuntime = {
      store,
      clock,
      scheduler: new Scheduler(store, clock),
      faults: new Faults(options.faultRandom),
      rateLimits: options.rateLimits && new RateLimits(options.rateLimits, clock),
      events: new EventEmitter<CloudEventMap>(),
      accountId: LOCAL_ACCOUNT_ID,
      zoneGaps: options.zoneGaps ?? {},
      defaultVpc: options.defaultVpc ?? true,
      call: { region: undefined },
      instanceServices: new InstanceServices(),
    };
    const journal = new CallJournal();
    const extension = options.extend?.(runtime) ?? {};
    const providers = [...createServiceProviders(runtime), ...(extension.providers ?? [])];
    const iam = options.iam && (await LocalIam.load(options.iam, providers.flatMap((provider) => Object.keys(provider.operations).map((operation) => `${provider.service}:${operation}`))));
    const dispatcher = new Dispatcher(runtime, journal, providers, iam);
    runtime.instanceServices.bind({
      credentials: (profileArn, instanceId) => (options.iam ? options.iam.instanceSessionCredentials(profileArn, instanceId) : uncheckedCredentials(instanceId)),
      send: (request) => dispatcher.handleFromInstance(request),
    });
    const timer = new DueTimer(runtime, () => dispatcher.advance());
    const activity = { lastRequestAt: Date.now() };
    const { server, port } = await listen(
      {
        api: (request) => {
          activity.lastRequestAt = Date.now();
          const answer = dispatcher.handle(request);
          timer.arm();
          return answer;
        },
        control: (method, path, body) => controlApi(runtime, journal, method, path, body),
        tooLarge: (request) => tooLargeAnswer(request),
      },
      options.port ?? DEFAULT_PORT,
    );
    const cloud = new LocalCloud(runtime, journal, dispatcher, timer, server, port, extension, iam, lock, activity);
    lock?.announce({ endpoint: cloud.endpoint });
    try {
      extension.started?.(cloud);
    } catch (error) {
      await cloud.close();
      throw error;
    }
    cloud.settle();
    return cloud;
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Runs what is due now (tests with a zero time scale call this to settle the cloud). */
  settle(): void {
    this.dispatcher.advance();
    this.timer.arm();
  }

  async close(): Promise<void> {
    await this.extension.closing?.();
    this.timer.stop();
    this.server.closeAllConnections();
    await new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
    this.runtime.store.close();
    this.lock?.release();
  }
}

/** Without IAM every caller is an administrator: an instance's credentials sign its calls, and no key is looked up. */
function uncheckedCredentials(instanceId: string) {
  const accessKeyId = awsStyleId('ASIA', instanceId);
  return { accessKeyId, secretAccessKey: `local-secret-${accessKeyId}`, sessionToken: `local-session-${instanceId}` };
}

function tooLargeAnswer(request: { headers: Record<string, string | undefined> }) {
  const requestId = newRequestId();
  const error = requestTooLarge(MAX_BODY_BYTES);
  const route = routeRequest(request.headers, '');
  if (route && !route.service.protocol.startsWith('awsJson')) return queryProtocol.writeError(route.service, error, requestId);
  const service = route?.service ?? { signingName: '', protocol: 'awsJson1_1' as const, apiVersion: '', schemas: {} };
  return jsonProtocol.writeError(service, error, requestId);
}
