"""polypact broker plugin: a Pact Broker-compatible server and client.

Python API (import from the modules; nothing heavy is imported here):

- :class:`polypact_broker.config.BrokerConfig`, :class:`~polypact_broker.web.app.BrokerApp`
  (a WSGI app), :func:`polypact_broker.server.running_broker` /
  :func:`~polypact_broker.server.serve_forever`;
- :class:`polypact_broker.client.BrokerClient` and the workflows in
  :mod:`polypact_broker.client.operations` (``publish``, ``pacts_for_verification``,
  ``publish_result``, ``can_i_deploy``, ``record_deployment``, ``create_environment``);
- :func:`polypact_broker.client.source.verify_with_broker` (the ``broker`` pact source and
  the results publisher for :class:`polypact.Verifier`).
"""
