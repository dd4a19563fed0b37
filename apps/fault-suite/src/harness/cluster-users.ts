import { randomBytes } from 'node:crypto';
import type { Names } from '@jetjobs/contracts';
import { deploymentRoles, inboxPrefixOf, natsSecurity, natsServerAuthorization, type NatsRole, type NatsSecurity } from '@jetjobs/event-store';

/**
 * The least-privilege users of the suite's namespace, one per service, as `jetjobs nats-config`
 * writes them: the cluster enforces them and each service connects as its own.
 */
export class ClusterUsers {
  readonly roles: readonly NatsRole[];
  private readonly passwords: ReadonlyMap<NatsRole, string>;

  constructor(
    private readonly names: Names,
    kinds: readonly string[],
  ) {
    this.roles = deploymentRoles(kinds);
    this.passwords = new Map(this.roles.map((role) => [role, randomBytes(12).toString('hex')]));
  }

  /** The `authorization` block every node's configuration carries. */
  authorization(): string {
    return natsServerAuthorization(this.names, this.roles, (role) => JSON.stringify(this.password(role)));
  }

  /** A service's variables: its user, its own inbox prefix, and stream management for the registry only. */
  env(role: NatsRole): Record<string, string> {
    return {
      NATS_USER: role,
      NATS_PASSWORD: this.password(role),
      NATS_INBOX_PREFIX: inboxPrefixOf(role),
      JETJOBS_MANAGE_STREAMS: role === 'registry' ? 'true' : 'false',
    };
  }

  /** What the suite's own connections (as `role`) authenticate with. */
  security(role: NatsRole): NatsSecurity {
    const { NATS_USER, NATS_PASSWORD, NATS_INBOX_PREFIX } = this.env(role);
    return natsSecurity({ NATS_USER, NATS_PASSWORD, NATS_INBOX_PREFIX });
  }

  private password(role: NatsRole): string {
    const password = this.passwords.get(role);
    if (password === undefined) throw new Error(`no NATS user for role ${role}`);
    return password;
  }
}
