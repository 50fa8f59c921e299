/** CI=1 or CI=true: a test that would skip locally (a missing tool or backend) fails instead. */
export const isCI = /^(1|true)$/i.test(process.env.CI ?? '');
