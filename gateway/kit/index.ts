// The kit every module API imports: database, migrations, identity assertion, errors, data scope, identifiers.
export * from './db.ts';
export * from './migrate.ts';
export * from './errors.ts';
export * from './identity.ts';
export * from './scope.ts';
export * from './identifiers.ts';
export * from './module.ts';
export * from './seed.ts';
export { createLogger, type Logger } from './logger.ts';
export * from './http.ts';
export * from './accounts.ts';
export * from './field-cipher.ts';
export * from './review-flow.ts';
export * from './audit.ts';
export * from './notify.ts';
export * from './regions.ts';
export * from './fields.ts';
export * from './conditions.ts';
