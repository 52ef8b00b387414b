/**
 * The security run: the e2e suite first (its flows are part of the session the at-rest scan
 * examines), then the security suite, then the scan itself (secretsAtRest.test.ts) last.
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
