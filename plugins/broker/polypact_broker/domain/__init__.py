"""Broker rules: consumer version selectors, pending and WIP pacts, the matrix and
can-i-deploy. Pure functions over rows read from :mod:`polypact_broker.store`."""
