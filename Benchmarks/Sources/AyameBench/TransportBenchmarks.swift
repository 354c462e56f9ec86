/// The `transport` suite: loopback request throughput. (Placeholder until the transport lands.)
func runTransportBenchmarks(_ arguments: [String]) async throws {}
