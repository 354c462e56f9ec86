/// The `sign` suite: SigV4 signing scenarios. (Placeholder until the signer lands.)
func runSignBenchmarks(_ arguments: [String]) async throws {}
