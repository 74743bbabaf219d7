import type { Clock } from '../../../cloud/clock';
import type { CloudStore, Table } from '../../../cloud/cloud-store';
import type { PublicKey } from '../../../network/openssh-keys';

/** One public key pushed to an instance for one OS user, as its metadata lists it under `managed-ssh-keys/active-keys/<user>/`. */
export interface PushedKeyRecord {
  /** The SendSSHPublicKey request's id, which the key's metadata carries (`#Request=`). */
  readonly id: string;
  readonly instanceId: string;
  readonly osUser: string;
  readonly key: PublicKey;
  /** Epoch ms of the cloud's clock. */
  readonly pushedAt: number;
  readonly expiresAt: number;
}

/** "The key remains for 60 seconds" (EC2 Instance Connect API Reference, SendSSHPublicKey). */
export const KEY_LIFETIME_SECONDS = 60;

export const pushedKeysTable = (store: CloudStore): Table<PushedKeyRecord> => store.table('ec2-instance-connect.pushed-keys');

/**
 * Whether a pushed key is still one sshd takes at `at`. The instance's
 * AuthorizedKeysCommand drops a key once its expiry timestamp is no longer
 * ahead of the clock (`[ "${timestamp}" -gt "${curtime}" ]`,
 * src/bin/eic_parse_authorized_keys of aws/aws-ec2-instance-connect-config).
 * A key is usable at the moment it was pushed whatever the time scale: at
 * time scale 0 no AWS time passes, so a script that pushes and connects at
 * once, as the lab's hop does, still connects.
 */
export const isActive = (key: PushedKeyRecord, at: number): boolean => key.pushedAt <= at && (at < key.expiresAt || at === key.pushedAt);

/** Records a push at `at`; the instance's keys that have expired by then are dropped, as its metadata no longer lists them. */
export function pushKey(table: Table<PushedKeyRecord>, clock: Clock, push: Omit<PushedKeyRecord, 'pushedAt' | 'expiresAt'>, at: number): PushedKeyRecord {
  for (const stale of table.all().filter((key) => key.instanceId === push.instanceId && !isActive(key, at) && key.pushedAt <= at)) table.delete(stale.id);
  return table.put({ ...push, pushedAt: at, expiresAt: at + clock.scaled(KEY_LIFETIME_SECONDS) });
}

/** The keys sshd of `instanceId` accepts for `osUser` at `at`. */
export const activeKeys = (table: Table<PushedKeyRecord>, instanceId: string, osUser: string, at: number): PushedKeyRecord[] =>
  table.all().filter((key) => key.instanceId === instanceId && key.osUser === osUser && isActive(key, at));
