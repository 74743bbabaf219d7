import type { CloudStore, Table } from '../../cloud/cloud-store';

/** One file a command wrote on an instance. */
interface InstanceFileRecord {
  /** `<instance id>:<path>`. */
  readonly id: string;
  readonly instanceId: string;
  readonly path: string;
  readonly content: string;
  /** The permission bits, as `ls -l` would show them (ssh-keygen writes the private key 0600, the public 0644). */
  readonly mode: number;
}

/** The one directory the model keeps files in: where the lab's hop makes its keys. */
const TMP = '/tmp/';

export const instanceFilesTable = (store: CloudStore): Table<InstanceFileRecord> => store.table('instances.files');

/** Why a path cannot be used, or undefined when the model keeps files there. */
export function unsimulatedPath(path: string): string | undefined {
  if (path.startsWith(TMP) && path.length > TMP.length && !path.slice(TMP.length).includes('/')) return undefined;
  return `${path}: the local cloud keeps files only directly in ${TMP} of an instance`;
}

/**
 * The files of one instance: those the shell's commands write directly in
 * `/tmp` (a key pair of ssh-keygen), kept in the cloud's state, so a later
 * script on the same instance finds them as it would on AWS. Only regular
 * files and their content and mode: no directories, owners or times, and
 * nothing outside `/tmp` (a command refuses such a path as not simulated).
 */
export class InstanceFiles {
  constructor(
    private readonly table: Table<InstanceFileRecord>,
    private readonly instanceId: string,
  ) {}

  read(path: string): string | undefined {
    return this.table.get(this.key(path))?.content;
  }

  exists(path: string): boolean {
    return this.read(path) !== undefined;
  }

  write(path: string, content: string, mode: number): void {
    this.table.put({ id: this.key(path), instanceId: this.instanceId, path, content, mode });
  }

  /** Removes the file; false when there was none. */
  remove(path: string): boolean {
    return this.table.delete(this.key(path));
  }

  private key(path: string): string {
    return `${this.instanceId}:${path}`;
  }
}
