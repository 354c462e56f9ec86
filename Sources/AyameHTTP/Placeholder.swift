// Placeholder until the AyameHTTP implementation lands.
