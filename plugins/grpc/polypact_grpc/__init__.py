"""polypact's gRPC plugin: in-process, offline gRPC contracts in the Pact protobuf plugin's
layout (unary and streaming), with a mock gRPC server, a provider client and an
``application/protobuf`` body matcher. Hooks live in :mod:`polypact_grpc.plugin`."""
