import { execFile } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface TestCertificate {
  key: string;
  cert: string;
}

/**
 * A self-signed certificate made now with openssl, valid for `days` days, for IP 127.0.0.1
 * unless `subjectAltName` says otherwise (e.g. "DNS:elsewhere.test").
 */
export async function selfSignedCertificate(dir: string, days: number, subjectAltName = 'IP:127.0.0.1'): Promise<TestCertificate> {
  const keyFile = path.join(dir, `key-${days}.pem`);
  const certFile = path.join(dir, `cert-${days}.pem`);
  await openssl(['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', String(days), '-subj', '/CN=127.0.0.1', '-addext', `subjectAltName=${subjectAltName}`, '-keyout', keyFile, '-out', certFile]);
  return { key: await readFile(keyFile, 'utf8'), cert: await readFile(certFile, 'utf8') };
}

/** A self-signed certificate for 127.0.0.1 that was valid on 1 and 2 January 2020 only (`openssl ca` can date it in the past). */
export async function expiredCertificate(dir: string): Promise<TestCertificate> {
  const ca = path.join(dir, 'expired-ca');
  await mkdir(ca, { recursive: true });
  await writeFile(path.join(ca, 'index.txt'), '');
  await writeFile(path.join(ca, 'serial'), '01\n');
  await writeFile(
    path.join(ca, 'ca.cnf'),
    ['[ca]', 'default_ca = self', '[self]', 'database = index.txt', 'new_certs_dir = .', 'serial = serial', 'default_md = sha256', 'policy = any', 'copy_extensions = copy', '[any]', 'commonName = supplied', ''].join('\n'),
  );
  await openssl(['req', '-new', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', 'key.pem', '-out', 'request.csr'], ca);
  await openssl(['ca', '-config', 'ca.cnf', '-selfsign', '-keyfile', 'key.pem', '-in', 'request.csr', '-startdate', '20200101000000Z', '-enddate', '20200102000000Z', '-batch', '-notext', '-out', 'cert.pem'], ca);
  return { key: await readFile(path.join(ca, 'key.pem'), 'utf8'), cert: await readFile(path.join(ca, 'cert.pem'), 'utf8') };
}

async function openssl(args: string[], cwd?: string): Promise<void> {
  try {
    await run('openssl', args, { cwd });
  } catch (error) {
    const { code, stderr } = error as { code?: unknown; stderr?: string };
    if (code === 'ENOENT') throw new Error('the TLS tests make their certificates with openssl, which is not on PATH: install it (Debian: apt-get install openssl)', { cause: error });
    throw new Error(`openssl ${args[0]} failed: ${stderr ?? String(error)}`, { cause: error });
  }
}
