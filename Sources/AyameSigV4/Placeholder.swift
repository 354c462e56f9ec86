// Placeholder until the AyameSigV4 implementation lands.
