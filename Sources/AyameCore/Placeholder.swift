// Placeholder until the client runtime lands.
