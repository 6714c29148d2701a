import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestCertificate {
  /** The temp directory holding the files; remove() deletes it. */
  readonly dir: string;
  /** PEM private key (unencrypted). */
  readonly keyPath: string;
  /** PEM self-signed certificate: pass it as NODE_EXTRA_CA_CERTS to a child process that must trust the stand-ins. */
  readonly certPath: string;
  readonly key: Buffer;
  readonly cert: Buffer;
  remove(): void;
}

/** The openssl CLI; override with OPENSSL when it lives elsewhere. */
const OPENSSL = process.env['OPENSSL'] ?? 'openssl';

/**
 * A throwaway self-signed certificate for the local HTTPS stand-ins, valid for 127.0.0.1 and
 * localhost, generated with the openssl CLI at test time (nothing is committed, nothing is reused).
 * A private config file is used so the host's openssl.cnf cannot change the outcome.
 */
export function createTestCertificate(): TestCertificate {
  const dir = mkdtempSync(join(tmpdir(), 'sw-tls-'));
  const keyPath = join(dir, 'key.pem');
  const certPath = join(dir, 'cert.pem');
  const configPath = join(dir, 'openssl.cnf');
  writeFileSync(
    configPath,
    [
      '[req]',
      'distinguished_name = dn',
      'x509_extensions = v3',
      'prompt = no',
      '[dn]',
      'CN = SecretWatch test stand-in',
      '[v3]',
      'basicConstraints = critical, CA:TRUE',
      'keyUsage = critical, digitalSignature, keyCertSign',
      'extendedKeyUsage = serverAuth',
      'subjectKeyIdentifier = hash',
      'subjectAltName = IP:127.0.0.1, DNS:localhost',
      '',
    ].join('\n'),
  );
  // prettier-ignore
  execFileSync(OPENSSL, [
    'req', '-x509', '-config', configPath,
    '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', keyPath, '-out', certPath, '-days', '1',
  ], { stdio: ['ignore', 'ignore', 'pipe'] });
  return {
    dir,
    keyPath,
    certPath,
    key: readFileSync(keyPath),
    cert: readFileSync(certPath),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
