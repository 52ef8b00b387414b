/**
 * The security run: the e2e suite first, then the security suite, then the at-rest scan
 * (secretsAtRest.test.ts). The scan walks its own flows and stands alone; run last, it also looks
 * for the secrets and tokens of every other suite in code-server's user-data folder and logs.
 * SECURITY_SPEC=test/security/webview.test.ts runs one file (a partial run: figures only).
 */
const focus = process.env.SECURITY_SPEC;

module.exports = {
  require: ['tsx/cjs', 'test/security/hooks.ts'],
  extension: ['ts'],
  spec: focus
    ? focus.split(',')
    : ['test/e2e/**/*.test.ts', 'test/security/**/!(secretsAtRest).test.ts', 'test/security/secretsAtRest.test.ts'],
  timeout: 120000,
  slow: 30000,
  reporter: 'spec',
};
