import { AMAZON_LINUX_USER } from './sshd';

/** An account of an instance, as /etc/passwd and /etc/group of Amazon Linux 2023 have it. */
export interface LinuxUser {
  readonly name: string;
  readonly uid: number;
  readonly gid: number;
  /** The groups it belongs to besides its own, by number and name, in /etc/group's order. */
  readonly groups: readonly { readonly gid: number; readonly name: string }[];
}

/**
 * The accounts the model knows: root, which runs Run Command's scripts, and
 * the login user cloud-init creates at first boot from AL2023's
 * /etc/cloud/cloud.cfg (`default_user: ec2-user`, groups wheel, adm and
 * systemd-journal), the first user, so uid and gid 1000. AWS documents the
 * user ("Connect to your Linux instance using SSH", EC2 User Guide), not the
 * numbers.
 */
const USERS: readonly LinuxUser[] = [
  { name: 'root', uid: 0, gid: 0, groups: [] },
  {
    name: AMAZON_LINUX_USER,
    uid: 1000,
    gid: 1000,
    groups: [
      { gid: 4, name: 'adm' },
      { gid: 10, name: 'wheel' },
      { gid: 190, name: 'systemd-journal' },
    ],
  },
];

export const linuxUser = (name: string): LinuxUser | undefined => USERS.find((user) => user.name === name);
