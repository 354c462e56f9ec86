// Placeholder until the AyameCommandLine implementation lands.
