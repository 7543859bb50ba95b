"""polypact broker plugin: a Pact Broker-compatible server and client."""
