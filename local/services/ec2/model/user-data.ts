import { invalidParameterValue } from '../../../protocol/service-error';

/** EC2's limit on user data, counted on the raw script before base64. */
const USER_DATA_LIMIT_BYTES = 16 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The script behind RunInstances' `UserData`, which EC2 takes base64-encoded and refuses otherwise. */
export function decodeUserData(encoded: string): string {
  const compact = encoded.replace(/\s+/g, '');
  if (!BASE64.test(compact) || compact.length % 4 !== 0) throw invalidParameterValue('Invalid BASE64 encoding of user data.');
  const raw = Buffer.from(compact, 'base64');
  if (raw.length > USER_DATA_LIMIT_BYTES) throw invalidParameterValue(`User data is limited to ${USER_DATA_LIMIT_BYTES} bytes.`);
  return raw.toString('utf8');
}

/**
 * The page a web server set up by its user data serves: the first HTML
 * document the script writes (`echo '<html>…</html>' > /var/www/html/index.html`).
 * Reading the document rather than the shell around it keeps any quoting or
 * redirection style working.
 */
export const webPageOf = (script: string): string | undefined => /<html\b[\s\S]*?<\/html>/i.exec(script)?.[0];
