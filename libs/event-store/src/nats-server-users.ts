import type { Names } from '@jetjobs/contracts';
import { natsPermissions, type NatsRole } from './nats-permissions';

/** The roles of a deployment running workers of `kinds`. */
export function deploymentRoles(kinds: readonly string[]): NatsRole[] {
  return ['registry', 'gateway', 'operator', ...kinds.map((kind): NatsRole => `worker-${kind}`)];
}

/** The variable a role's password is read from by nats-server, e.g. NATS_WORKER_ECHO_PASSWORD. */
export const passwordVariable = (role: NatsRole): string => `NATS_${role.toUpperCase().replace(/-/g, '_')}_PASSWORD`;

/**
 * The `authorization` block of a nats-server configuration with one user per role and its
 * least-privilege permissions. `password` gives each user's password as configuration text: a
 * quoted literal, or a `$VARIABLE` reference that nats-server resolves from its environment.
 */
export function natsServerAuthorization(names: Names, roles: readonly NatsRole[], password: (role: NatsRole) => string): string {
  const users = roles.map((role) => {
    const { publish, subscribe, allowResponses } = natsPermissions(names, role);
    return [
      `    {`,
      `      user: ${JSON.stringify(role)}, password: ${password(role)}`,
      `      permissions: {`,
      `        publish: { allow: ${list(publish)} }`,
      `        subscribe: { allow: ${list(subscribe)} }`,
      ...(allowResponses ? ['        allow_responses: true'] : []),
      `      }`,
      `    }`,
    ].join('\n');
  });
  return `authorization {\n  users = [\n${users.join('\n')}\n  ]\n}\n`;
}

function list(subjects: readonly string[]): string {
  return `[${subjects.map((subject) => JSON.stringify(subject)).join(', ')}]`;
}
