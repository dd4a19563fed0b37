import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createUser } from '@nats-io/nkeys';
import { NatsServerProcess } from '@jetjobs/testing';
import { connectNats } from './nats-connection';
import { natsSecurity, NatsSecurityError } from './nats-security';

/** Connects with the given variables, proves the connection works with a flush, and closes it. */
async function connectWith(server: NatsServerProcess, env: NodeJS.ProcessEnv, scheme = 'nats'): Promise<void> {
  const nc = await connectNats(server.url(scheme), 'security-test', natsSecurity(env));
  try {
    await nc.flush();
  } finally {
    await nc.close();
  }
}

describe('NATS credentials and TLS from the environment', () => {
  const files = mkdtempSync(join(tmpdir(), 'jetjobs-nats-security-'));
  afterAll(() => rmSync(files, { recursive: true, force: true }));

  describe('user and password', () => {
    let server: NatsServerProcess;
    beforeAll(async () => {
      server = await NatsServerProcess.start('listen: 127.0.0.1:{{port}}\nauthorization { users = [ { user: gateway, password: "s3cret-pass" } ] }');
    });
    afterAll(() => server.stop());

    it('connects with NATS_USER and NATS_PASSWORD', async () => {
      await expect(connectWith(server, { NATS_USER: 'gateway', NATS_PASSWORD: 's3cret-pass' })).resolves.toBeUndefined();
    });

    it('is refused with a wrong password or none, naming the server', async () => {
      await expect(connectWith(server, { NATS_USER: 'gateway', NATS_PASSWORD: 'wrong' })).rejects.toThrow(/Cannot connect to NATS at nats:\/\/127\.0\.0\.1:\d+: .*[Aa]uthorization.*Check NATS_USER/);
      await expect(connectWith(server, {})).rejects.toThrow(/[Aa]uthorization/);
    });
  });

  it('connects with NATS_TOKEN', async () => {
    const server = await NatsServerProcess.start('listen: 127.0.0.1:{{port}}\nauthorization { token: "t0ken-value" }');
    try {
      await expect(connectWith(server, { NATS_TOKEN: 't0ken-value' })).resolves.toBeUndefined();
      await expect(connectWith(server, { NATS_TOKEN: 'other' })).rejects.toThrow(/[Aa]uthorization/);
    } finally {
      await server.stop();
    }
  });

  it('connects with an NKey seed file', async () => {
    const user = createUser();
    const seedFile = join(files, 'user.nk');
    writeFileSync(seedFile, `${new TextDecoder().decode(user.getSeed())}\n`);
    const server = await NatsServerProcess.start(`listen: 127.0.0.1:{{port}}\nauthorization { users = [ { nkey: ${user.getPublicKey()} } ] }`);
    try {
      await expect(connectWith(server, { NATS_NKEY_SEED_FILE: seedFile })).resolves.toBeUndefined();
      const stranger = join(files, 'stranger.nk');
      writeFileSync(stranger, new TextDecoder().decode(createUser().getSeed()));
      await expect(connectWith(server, { NATS_NKEY_SEED_FILE: stranger })).rejects.toThrow(/[Aa]uthorization/);
    } finally {
      await server.stop();
    }
  });

  it('speaks mutual TLS with NATS_TLS_CA, NATS_TLS_CERT and NATS_TLS_KEY', async () => {
    const pki = makePki(files);
    const server = await NatsServerProcess.start(
      `listen: 127.0.0.1:{{port}}\ntls { cert_file: "${pki.serverCert}", key_file: "${pki.serverKey}", ca_file: "${pki.ca}", verify: true }`,
    );
    try {
      await expect(connectWith(server, { NATS_TLS_CA: pki.ca, NATS_TLS_CERT: pki.clientCert, NATS_TLS_KEY: pki.clientKey }, 'tls')).resolves.toBeUndefined();
      // Without a client certificate the server, which verifies clients, refuses the handshake.
      await expect(connectWith(server, { NATS_TLS_CA: pki.ca }, 'tls')).rejects.toThrow(/Cannot connect to NATS/);
    } finally {
      await server.stop();
    }
  });

  it('refuses settings that cannot work, at start-up, with the variable named', () => {
    expect(() => natsSecurity({ NATS_USER: 'a', NATS_PASSWORD: 'b', NATS_TOKEN: 'c' })).toThrow(new NatsSecurityError('Set one NATS credential, not NATS_USER and NATS_TOKEN'));
    expect(() => natsSecurity({ NATS_PASSWORD: 'b' })).toThrow('NATS_PASSWORD is set without NATS_USER');
    expect(() => natsSecurity({ NATS_USER: 'a' })).toThrow('NATS_USER is set without NATS_PASSWORD');
    expect(() => natsSecurity({ NATS_CREDS: join(files, 'missing.creds') })).toThrow(/NATS_CREDS names a file that cannot be read \(ENOENT\)/);
    expect(() => natsSecurity({ NATS_TLS_CERT: join(files, 'c.pem') })).toThrow(/NATS_TLS_CERT and NATS_TLS_KEY together/);
    const notASeed = join(files, 'not-a-seed');
    writeFileSync(notASeed, 'hello');
    expect(() => natsSecurity({ NATS_NKEY_SEED_FILE: notASeed })).toThrow(/does not hold an NKey user seed/);
    expect(natsSecurity({})).toEqual({});
  });
});

/** A throw-away CA with a server certificate for 127.0.0.1 and a client certificate, made with openssl. */
function makePki(dir: string) {
  const path = (name: string) => join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { stdio: 'pipe' });
  openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=jetjobs test CA', '-keyout', path('ca.key'), '-out', path('ca.pem'));
  for (const [name, extension] of [['server', 'subjectAltName=IP:127.0.0.1,DNS:localhost'], ['client', 'extendedKeyUsage=clientAuth']] as const) {
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-subj', `/CN=${name}`, '-keyout', path(`${name}.key`), '-out', path(`${name}.csr`));
    writeFileSync(path(`${name}.ext`), `${extension}\n`);
    openssl('x509', '-req', '-in', path(`${name}.csr`), '-CA', path('ca.pem'), '-CAkey', path('ca.key'), '-CAcreateserial', '-days', '1', '-extfile', path(`${name}.ext`), '-out', path(`${name}.pem`));
  }
  return { ca: path('ca.pem'), serverCert: path('server.pem'), serverKey: path('server.key'), clientCert: path('client.pem'), clientKey: path('client.key') };
}
