// Who is asking. Accounts and roles arrive with issue #4; until then a request is either an
// anonymous reader of the installation's tenant or, when it comes from this machine itself, the
// local operator, who may do in the browser what the CLI lets anyone with a shell do (import
// plans). The server listens on 127.0.0.1 by default.

export type Principal = {
  kind: 'anonymous' | 'local-operator';
  tenantId: string;
};

const LOOPBACK = /^(?:127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+)$/;

export function principalFor(ip: string, tenantId: string): Principal {
  return { kind: LOOPBACK.test(ip) ? 'local-operator' : 'anonymous', tenantId };
}
