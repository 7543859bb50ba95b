"""The example area calculator service: generated stubs (at run time) and a grpcio server.

``load_stubs()`` compiles ``area.proto`` with grpcio-tools into a temporary folder and
imports the generated ``area_pb2`` / ``area_pb2_grpc`` modules (generated code is never
committed). ``serve()`` starts the provider on 127.0.0.1 with an OS-chosen port.
"""

from __future__ import annotations

from area_service.provider import CalculatorService, serve
from area_service.stubs import PROTO, load_stubs

__all__ = ["PROTO", "CalculatorService", "load_stubs", "serve"]
