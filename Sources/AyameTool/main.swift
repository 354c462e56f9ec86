// Placeholder until the ayame command-line tool lands.
print("ayame")
