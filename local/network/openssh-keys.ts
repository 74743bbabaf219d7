import { generateKeyPairSync, randomBytes } from 'node:crypto';

/**
 * OpenSSH's key formats, as far as a key pair made with `ssh-keygen -t
 * ed25519` and the public key EC2 Instance Connect takes need them: the
 * public key line (`<type> <base64 blob> <comment>`, sshd(8) "AUTHORIZED_KEYS
 * FILE FORMAT"; the blob is RFC 4253 §6.6, `string "ssh-ed25519", string key`
 * for Ed25519, RFC 8709 §4) and the private key file ("openssh-key-v1",
 * OpenSSH's PROTOCOL.key). Real keys: the private file is one ssh-keygen
 * would read, and its public half is what ssh offers.
 */

const ED25519 = 'ssh-ed25519';
const RSA = 'ssh-rsa';
const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');
/** ssh-keygen wraps the private key's base64 at 70 columns (sshkey.c, `sshkey_private_to_blob2`). */
const PRIVATE_KEY_COLUMNS = 70;

/** A public key as an authorized-keys line names it. */
export interface PublicKey {
  readonly type: string;
  /** The key blob, base64 as the line writes it. */
  readonly blob: string;
}

const sshString = (value: Buffer | string): Buffer => {
  const bytes = typeof value === 'string' ? Buffer.from(value, 'latin1') : value;
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return Buffer.concat([length, bytes]);
};

const uint32 = (value: number): Buffer => {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(value);
  return bytes;
};

/** Reads RFC 4251 `uint32`s and `string`s in order; undefined for one that runs past the end. */
class SshReader {
  constructor(
    private readonly bytes: Buffer,
    private offset = 0,
  ) {}

  uint32(): number | undefined {
    if (this.offset + 4 > this.bytes.length) return undefined;
    const value = this.bytes.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  string(): Buffer | undefined {
    const length = this.uint32();
    if (length === undefined || this.offset + length > this.bytes.length) return undefined;
    const value = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }
}

/** A new Ed25519 key pair: the private key file and the public key line, as `ssh-keygen -t ed25519 -N ''` writes them. */
export function newEd25519KeyPair(comment: string): { privateKeyFile: string; publicKeyLine: string } {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const pub = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d ?? '', 'base64url');
  const blob = Buffer.concat([sshString(ED25519), sshString(pub)]);
  const check = randomBytes(4);
  const secret = Buffer.concat([check, check, sshString(ED25519), sshString(pub), sshString(Buffer.concat([seed, pub])), sshString(comment)]);
  // The private section is padded with 1, 2, 3, … to the cipher's block size, 8 for "none".
  const padding = Buffer.from(Array.from({ length: (8 - (secret.length % 8)) % 8 }, (_, index) => index + 1));
  const body = Buffer.concat([MAGIC, sshString('none'), sshString('none'), sshString(''), uint32(1), sshString(blob), sshString(Buffer.concat([secret, padding]))]).toString('base64');
  const lines = body.match(new RegExp(`.{1,${PRIVATE_KEY_COLUMNS}}`, 'g')) ?? [];
  return {
    privateKeyFile: `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines.join('\n')}\n-----END OPENSSH PRIVATE KEY-----\n`,
    publicKeyLine: `${ED25519} ${blob.toString('base64')} ${comment}\n`,
  };
}

/** The public half of an unencrypted OpenSSH private key file, or undefined when the text is not one. */
export function publicKeyOfPrivateKeyFile(text: string): PublicKey | undefined {
  const match = /^-----BEGIN OPENSSH PRIVATE KEY-----\n([A-Za-z0-9+/=\n]+)-----END OPENSSH PRIVATE KEY-----\n?$/.exec(text);
  const bytes = Buffer.from((match?.[1] ?? '').replaceAll('\n', ''), 'base64');
  if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const reader = new SshReader(bytes, MAGIC.length);
  const [cipher, kdf] = [reader.string(), reader.string(), reader.string()];
  if (cipher?.toString('latin1') !== 'none' || kdf?.toString('latin1') !== 'none' || reader.uint32() !== 1) return undefined;
  const blob = reader.string();
  return blob && publicKeyOfBlob(blob);
}

/** A public key blob of a type OpenSSH names in an authorized-keys line, checked for its own shape. */
function publicKeyOfBlob(blob: Buffer): PublicKey | undefined {
  const reader = new SshReader(blob);
  const [type, first, second] = [reader.string(), reader.string(), reader.string()];
  const name = type?.toString('latin1');
  if (name === ED25519 && first?.length === 32) return { type: name, blob: blob.toString('base64') };
  // RSA: `string "ssh-rsa", mpint e, mpint n` (RFC 4253 §6.6).
  if (name === RSA && first !== undefined && first.length > 0 && second !== undefined && second.length > 0) return { type: name, blob: blob.toString('base64') };
  return undefined;
}

/** The key of an authorized-keys line (`ssh-ed25519 AAAA… comment`), or undefined when the line is not an ssh-ed25519 or ssh-rsa public key. */
export function parsePublicKeyLine(line: string): PublicKey | undefined {
  const match = /^(\S+) ([A-Za-z0-9+/]+={0,2})(?: [^\n]*)?\n?$/.exec(line.trim());
  if (!match) return undefined;
  const key = publicKeyOfBlob(Buffer.from(match[2] ?? '', 'base64'));
  return key?.type === match[1] ? key : undefined;
}
