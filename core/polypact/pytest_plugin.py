"""polypact's pytest plugin (entry point ``pytest11``): fixtures for consumer pacts and
provider verification. (Placeholder until the HTTP slice lands.)"""
