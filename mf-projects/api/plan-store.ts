// The plan's stored form moved to services/plan-repository.ts (behind services/plans.ts); this name stays for the
// imports that have not moved yet (plan-files.ts, being changed alongside, and tests that read rows directly).
export * from './services/plan-repository.ts';
