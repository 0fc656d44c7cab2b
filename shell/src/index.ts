// Async boundary: shared singletons (vue, pinia, the kit…) are negotiated before any of them is imported.
import('./bootstrap.ts');
