export async function malformedBenchmark(): Promise<void> {}
