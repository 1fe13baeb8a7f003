// Who is asking. Accounts and roles arrive with issue #4; until then every request is an anonymous
// reader of the installation's tenant, and the API offers no writes (plans are loaded by the CLI).

export type Principal = {
  kind: 'anonymous';
  tenantId: string;
};
