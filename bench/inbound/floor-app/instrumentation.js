// Next looks for the instrumentation hook in the workspace root too; this empty one keeps the
// repository's (migrations, configuration checks, demo seed) out of the floor.
export function register() {}
